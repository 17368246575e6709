// Internal helpers of the device key chain: key import and tolerant reads of loosely-typed wire fields.
import { decryptFailed, gcmDecrypt } from '../crypto/aes-gcm.js';
import { type CipherBackend, openWithBackend } from '../crypto/cipher-backend.js';
import { KsmError } from '../errors.js';

const USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/** A wrapping key's raw bytes, and its CryptoKey when WebCrypto opens with it (null with a cipher backend). */
export interface WrappingKey {
  readonly key: CryptoKey | null;
  readonly raw: Uint8Array<ArrayBuffer>;
}

/**
 * Opens a GCM blob under a wrapping key: with the cipher backend when there is one, else WebCrypto. Throws
 * `ERR_DECRYPT_FAILED` on any failure.
 *
 * @example
 * const folderKeyBytes = await openBlob(appKey, base64Decode(entry.folderKey), cipher);
 */
export function openBlob(
  key: WrappingKey,
  data: Uint8Array<ArrayBuffer>,
  cipher: CipherBackend | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  if (cipher === undefined) return gcmDecrypt(key.key ?? key.raw, data);
  try {
    return Promise.resolve(openWithBackend(cipher, key.raw, data));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The CryptoKey of a wrapping key on the WebCrypto path (`ERR_INVALID_KEY` if it was never imported).
 *
 * @example
 * const raw = await gcmOpen(wrappingCryptoKey(job.wrappingKey), wrapped);
 */
export function wrappingCryptoKey(key: WrappingKey): CryptoKey {
  if (key.key === null) throw new KsmError('ERR_INVALID_KEY', 'The wrapping key was not imported for WebCrypto');
  return key.key;
}

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
