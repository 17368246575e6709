// Internal: turns decrypted plaintext (bytes or text) into a JSON object, failing without echoing the plaintext.
import { utf8Decode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import { isPlainObject } from './validate-field.js';

/** Which plaintext document is being read, for error details. */
export type DocumentKind = 'record' | 'file-metadata' | 'folder' | 'app';

/**
 * Parses UTF-8 bytes or text as one JSON object. Trailing whitespace (Keeper pads some plaintexts with
 * spaces) and a leading BOM are accepted. Throws `ERR_INVALID_RECORD` for invalid JSON or a non-object;
 * the parser's own message is dropped because it can quote the plaintext.
 *
 * @example
 * parseJsonObject('{"name":"x"}   ', 'folder') // { name: 'x' }
 */
export function parseJsonObject(input: Uint8Array | string, document: DocumentKind): Record<string, unknown> {
  let text = typeof input === 'string' ? input : utf8Decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw documentError(document, 'invalid-json', 'is not valid JSON');
  }
  if (!isPlainObject(parsed)) throw documentError(document, 'not-an-object', 'is not a JSON object');
  return parsed;
}

/**
 * Serialises a plaintext document compactly, turning JSON failures (cycles, BigInt) into `ERR_INVALID_RECORD`.
 *
 * @example
 * stringifyDocument({ name: 'x' }, 'folder') // '{"name":"x"}'
 */
export function stringifyDocument(value: unknown, document: DocumentKind): string {
  try {
    return JSON.stringify(value);
  } catch {
    throw documentError(document, 'not-serializable', 'cannot be serialised as JSON');
  }
}

/**
 * An `ERR_INVALID_RECORD` about a whole document; `reason` is a stable kebab-case word.
 *
 * @example
 * throw documentError('folder', 'missing-name', 'has no string "name"')
 */
export function documentError(document: DocumentKind, reason: string, problem: string): KsmError {
  return new KsmError('ERR_INVALID_RECORD', `Decrypted ${document.replace('-', ' ')} ${problem}`, {
    document,
    reason,
  });
}
