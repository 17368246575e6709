// Folder data JSON (spec §6.5): `{"name": …}`, the only key SDKs write.
import { documentError, parseJsonObject, stringifyDocument } from './json-document.js';
import type { FolderData } from './types.js';

/**
 * Parses decrypted folder data; other keys are kept. Throws `ERR_INVALID_RECORD` for invalid JSON, a
 * non-object or a missing/non-string `name`.
 *
 * @example
 * parseFolderData('{"name":"Production"}') // { name: 'Production' }
 */
export function parseFolderData(input: Uint8Array | string): FolderData {
  const raw = parseJsonObject(input, 'folder');
  if (typeof raw.name !== 'string') throw documentError('folder', 'missing-name', 'has no string "name"');
  return { ...raw, name: raw.name };
}

/**
 * Serialises folder data exactly as the SDKs do: one `name` key.
 *
 * @example
 * serializeFolderData('Production') // '{"name":"Production"}'
 */
export function serializeFolderData(name: string): string {
  if (typeof name !== 'string') throw documentError('folder', 'missing-name', 'name must be a string');
  return stringifyDocument({ name }, 'folder');
}
