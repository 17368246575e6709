// The optional synchronous AES-GCM backend the key chain uses for its hot path (Node packages pass node:crypto).
import { decryptFailed } from './aes-gcm.js';

/**
 * Synchronous AES-256-GCM over raw key bytes. `@ksmkit/core` never needs one (it uses `crypto.subtle`); a runtime
 * whose native cipher is cheaper per call than WebCrypto (Node: `nodeCipher` from `@ksmkit/config`) passes one to
 * `decryptSecrets` or `createClient` so opening 1,000 records costs one native call per key and per record instead
 * of three promise round trips. Keys it unwraps are returned as {@link OpaqueAesKey} handles, not CryptoKeys.
 *
 * @example
 * const client = createClient({ storage, cipher: nodeCipher });
 */
export interface CipherBackend {
  /** Decrypts `nonce(12) ‖ ciphertext ‖ tag(16)` under a 32-byte key; throws on a short blob or a bad tag. */
  gcmDecrypt(key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  /**
   * Optional native decoder for the wire's base64 blobs. It must accept and reject exactly what `base64Decode`
   * does (both alphabets, optional padding) and throw `base64Decode`'s error for bad input.
   */
  base64Decode?(text: string): Uint8Array<ArrayBuffer>;
}

/**
 * `backend.gcmDecrypt`, with every failure mapped to the bland `ERR_DECRYPT_FAILED` (internal).
 *
 * @example
 * const recordKey = openWithBackend(backend, folderKeyBytes, base64Decode(entry.recordKey));
 */
export function openWithBackend(
  backend: CipherBackend,
  key: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Uint8Array<ArrayBuffer> {
  if (data.length < 28) throw decryptFailed();
  try {
    return backend.gcmDecrypt(key, data);
  } catch (cause) {
    throw decryptFailed(cause);
  }
}
