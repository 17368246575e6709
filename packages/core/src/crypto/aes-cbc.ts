// AES-256-CBC with PKCS#7 padding in Keeper's layout iv(16) ‖ ciphertext, used only for folders (spec §3.2).
import { KsmError } from '../errors.js';
import { decryptFailed } from './aes-gcm.js';
import { type AesKeyInput, toAesCryptoKey } from './aes-key.js';
import { randomBytes } from './random.js';

const IV_LENGTH = 16;

/** Test-vector hooks; production callers never pass these. */
export interface CbcEncryptOptions {
  /** A fixed 16-byte IV (for known-answer tests only). */
  readonly iv?: Uint8Array<ArrayBuffer>;
}

/**
 * Encrypts with AES-256-CBC (PKCS#7) and returns `iv ‖ ciphertext`.
 * CBC has no integrity check; the protocol uses it only for folder keys and folder names.
 *
 * @example
 * const data = await cbcEncrypt(folderKey.cbc, utf8Encode('{"name":"Ops"}'));
 */
export async function cbcEncrypt(
  key: AesKeyInput,
  plaintext: Uint8Array<ArrayBuffer>,
  options: CbcEncryptOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = options.iv ?? randomBytes(IV_LENGTH);
  if (iv.length !== IV_LENGTH) {
    throw new KsmError('ERR_INVALID_INPUT', 'AES-CBC IVs must be 16 bytes', { length: iv.length });
  }
  const cryptoKey = await toAesCryptoKey(key, 'AES-CBC');
  const sealed = await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, cryptoKey, plaintext);
  const out = new Uint8Array(IV_LENGTH + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_LENGTH);
  return out;
}

/**
 * Decrypts `iv ‖ ciphertext`. Throws `ERR_DECRYPT_FAILED` on a bad length or bad padding.
 *
 * @example
 * const name = JSON.parse(utf8Decode(await cbcDecrypt(folderKey.cbc, base64Decode(folder.data)))).name;
 */
export async function cbcDecrypt(key: AesKeyInput, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (data.length < 2 * IV_LENGTH || data.length % IV_LENGTH !== 0) throw decryptFailed();
  const cryptoKey = await toAesCryptoKey(key, 'AES-CBC');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: data.subarray(0, IV_LENGTH) },
      cryptoKey,
      data.subarray(IV_LENGTH),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw decryptFailed(cause);
  }
}
