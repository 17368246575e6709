// Application data JSON (spec §6.6): `{"title": …, "type": "app"}`, encrypted under the app key.
import { documentError, parseJsonObject, stringifyDocument } from './json-document.js';
import type { AppData } from './types.js';

/**
 * Parses decrypted app data (trailing padding spaces allowed); other keys are kept. Throws
 * `ERR_INVALID_RECORD` for invalid JSON, a non-object or a missing/non-string `title` or `type`.
 *
 * @example
 * parseAppData('{"title":"CI","type":"app"}  ') // { title: 'CI', type: 'app' }
 */
export function parseAppData(input: Uint8Array | string): AppData {
  const raw = parseJsonObject(input, 'app');
  if (typeof raw.title !== 'string') throw documentError('app', 'missing-title', 'has no string "title"');
  if (typeof raw.type !== 'string') throw documentError('app', 'missing-type', 'has no string "type"');
  return { ...raw, title: raw.title, type: raw.type };
}

/**
 * Serialises app data compactly (what a self-hosted server stores for an application).
 *
 * @example
 * serializeAppData({ title: 'CI', type: 'app' }) // '{"title":"CI","type":"app"}'
 */
export function serializeAppData(data: AppData): string {
  if (typeof data?.title !== 'string' || typeof data.type !== 'string') {
    throw documentError('app', 'invalid-app', 'must have string "title" and "type"');
  }
  return stringifyDocument(data, 'app');
}
