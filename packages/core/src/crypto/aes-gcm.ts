// AES-256-GCM in Keeper's layout: nonce(12) ‖ ciphertext ‖ tag(16), no associated data (spec §3.1).
import { KsmError } from '../errors.js';
import { type AesKeyInput, toAesCryptoKey } from './aes-key.js';
import { randomBytes } from './random.js';

const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

/** Test-vector hooks; production callers never pass these. */
export interface GcmEncryptOptions {
  /** A fixed 12-byte nonce (for known-answer tests only: never reuse a nonce with the same key). */
  readonly nonce?: Uint8Array<ArrayBuffer>;
}

/**
 * Encrypts with AES-256-GCM and returns `nonce ‖ ciphertext ‖ tag` (plaintext length + 28 bytes).
 *
 * @example
 * const blob = await gcmEncrypt(recordKey, utf8Encode(JSON.stringify(recordData)));
 */
export async function gcmEncrypt(
  key: AesKeyInput,
  plaintext: Uint8Array<ArrayBuffer>,
  options: GcmEncryptOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const nonce = options.nonce ?? randomBytes(NONCE_LENGTH);
  if (nonce.length !== NONCE_LENGTH) {
    throw new KsmError('ERR_INVALID_INPUT', 'AES-GCM nonces must be 12 bytes', { length: nonce.length });
  }
  const cryptoKey = await toAesCryptoKey(key, 'AES-GCM');
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, cryptoKey, plaintext);
  const out = new Uint8Array(NONCE_LENGTH + sealed.byteLength);
  out.set(nonce);
  out.set(new Uint8Array(sealed), NONCE_LENGTH);
  return out;
}

/**
 * Decrypts `nonce ‖ ciphertext ‖ tag`. Throws `ERR_DECRYPT_FAILED` (with no detail about the data)
 * when the blob is too short, the key is wrong or any bit was changed.
 *
 * @example
 * const recordKeyBytes = await gcmDecrypt(folderKey.gcm, base64Decode(record.recordKey));
 */
export async function gcmDecrypt(key: AesKeyInput, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (data.length < NONCE_LENGTH + TAG_LENGTH) throw decryptFailed();
  const cryptoKey = await toAesCryptoKey(key, 'AES-GCM');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: data.subarray(0, NONCE_LENGTH) },
      cryptoKey,
      data.subarray(NONCE_LENGTH),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw decryptFailed(cause);
  }
}

/**
 * The one bland error every decryption failure maps to (internal; not re-exported).
 *
 * @example
 * if (data.length < 28) throw decryptFailed();
 */
export function decryptFailed(cause?: unknown): KsmError {
  return new KsmError('ERR_DECRYPT_FAILED', 'decryption failed', {}, cause === undefined ? undefined : { cause });
}
