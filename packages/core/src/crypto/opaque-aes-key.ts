// An AES-256 key kept as raw bytes behind an opaque handle (cipher backends): never serialised, printed or exposed.
import { KsmError } from '../errors.js';

let reveal: (key: OpaqueAesKey) => Uint8Array<ArrayBuffer>;

/**
 * A 32-byte AES key that a {@link CipherBackend} decrypted. The bytes sit in a private field that only this module
 * can read, so `JSON.stringify`, `structuredClone`, `console.log` and property enumeration never see them. Every
 * function that takes an `AesKeyInput` accepts it (WebCrypto imports it non-extractable on first use, once per mode).
 *
 * @example
 * const { records } = await client.getSecrets(); // with `cipher: nodeCipher`
 * await gcmEncrypt(records[0].recordKey, utf8Encode('{"title":"new"}'));
 */
export class OpaqueAesKey {
  readonly #bytes: Uint8Array<ArrayBuffer>;

  static {
    reveal = (key) => key.#bytes;
  }

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    if (bytes.length !== 32)
      throw new KsmError('ERR_INVALID_KEY', 'AES keys must be 32 bytes', { length: bytes.length });
    this.#bytes = bytes;
  }

  /** Serialises like a CryptoKey: to `{}`, never to its bytes. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/**
 * The raw bytes of an opaque key (internal; not re-exported): only the key chain and cipher code read them.
 *
 * @example
 * backend.gcmDecrypt(opaqueKeyBytes(recordKey), blob);
 */
export function opaqueKeyBytes(key: OpaqueAesKey): Uint8Array<ArrayBuffer> {
  try {
    return reveal(key);
  } catch {
    throw new KsmError('ERR_INVALID_KEY', 'Not an AES key made by @ksmkit/core');
  }
}
