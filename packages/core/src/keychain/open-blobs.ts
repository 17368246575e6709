// Internal helpers of the device key chain: key import and tolerant reads of loosely-typed wire fields.
import { decryptFailed } from '../crypto/aes-gcm.js';
import { KsmError } from '../errors.js';

const USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/**
 * The hot-path GCM decrypt: one WebCrypto call, no wrapper frames. Rejects with the platform's error on a bad
 * tag (callers map it with `skipCode`, which reports ERR_DECRYPT_FAILED).
 *
 * @example
 * const raw = await gcmOpen(folderKey.gcm, base64Decode(entry.recordKey));
 */
export function gcmOpen(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  if (data.length < 28) return Promise.reject(decryptFailed());
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: data.subarray(0, 12) }, key, data.subarray(12));
}

/**
 * Imports unwrapped key bytes as a non-extractable AES-GCM key (decrypt + importKey beats unwrapKey in Node).
 *
 * @example
 * const recordKey = await importGcmKey(raw);
 */
export function importGcmKey(raw: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.byteLength !== 32) {
    return Promise.reject(
      new KsmError('ERR_INVALID_KEY', 'Unwrapped keys must be 32 bytes', { length: raw.byteLength }),
    );
  }
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, USAGES);
}

/**
 * True for a non-null, non-array object.
 *
 * @example
 * isObject({}) // true; isObject([]) // false
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A string field or null.
 *
 * @example
 * stringOrNull(entry.innerFolderUid)
 */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * An array field, or an empty array for null/absent/other.
 *
 * @example
 * for (const file of arrayOrEmpty(entry.files)) open(file);
 */
export function arrayOrEmpty(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Throws ERR_INVALID_RECORD unless every named field of `entry` is a non-empty string.
 *
 * @example
 * requireStrings(entry, ['recordUid', 'recordKey', 'data'], 'record');
 */
export function requireStrings(entry: Record<string, unknown>, names: readonly string[], what: string): void {
  for (const name of names) {
    const value = entry[name];
    if (typeof value !== 'string' || value === '') {
      throw new KsmError('ERR_INVALID_RECORD', `The ${what} has no ${name}`, { field: name });
    }
  }
}
