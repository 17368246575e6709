// ECIES-style public-key encryption (spec §3.3): ephemeral P-256 ECDH, key = SHA-256(X ‖ id), AES-256-GCM.
import { concatBytes } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import { decryptFailed, gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
import { importAesKey } from './aes-key.js';
import { importEcdhPrivateKey, importEcdhPublicKey } from './ec-keys.js';
import { encodePkcs8 } from './pkcs8.js';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const POINT_LENGTH = 65;
const EMPTY = new Uint8Array(0);

/** Options of `publicEncrypt`. `ephemeralScalar` and `nonce` exist for known-answer tests only. */
export interface PublicEncryptOptions {
  /** Extra bytes hashed after the shared secret; KSM never passes any. */
  readonly id?: Uint8Array<ArrayBuffer>;
  /** Test only: a fixed 32-byte ephemeral private scalar instead of a fresh key pair. */
  readonly ephemeralScalar?: Uint8Array<ArrayBuffer>;
  /** Test only: a fixed 12-byte GCM nonce. */
  readonly nonce?: Uint8Array<ArrayBuffer>;
}

async function ephemeralKeyPair(scalar: Uint8Array<ArrayBuffer> | undefined): Promise<CryptoKeyPair> {
  if (scalar === undefined) return (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  // Import the fixed scalar extractable, read its public point back through JWK.
  const privateKey = await crypto.subtle.importKey('pkcs8', encodePkcs8({ scalar, publicKey: null }), ECDH, true, [
    'deriveBits',
  ]);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, ECDH, true, []);
  return { privateKey, publicKey };
}

async function sharedKey(privateKey: CryptoKey, publicKey: CryptoKey, id: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const x = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256));
  const digest = await crypto.subtle.digest('SHA-256', id.length === 0 ? x : concatBytes(x, id));
  return importAesKey(new Uint8Array(digest));
}

/**
 * Encrypts `plaintext` to a P-256 public key: `ephemeralPoint(65) ‖ GCM(SHA-256(ECDH-X), plaintext)`.
 * A 32-byte key (transmission, record or file key) becomes 125 bytes.
 *
 * @example
 * const transmissionKeyHeader = base64Encode(await publicEncrypt(transmissionKey, serverPublicKey));
 */
export async function publicEncrypt(
  plaintext: Uint8Array<ArrayBuffer>,
  recipientPublicKey: CryptoKey | Uint8Array<ArrayBuffer>,
  options: PublicEncryptOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const [recipient, ephemeral] = await Promise.all([
    recipientPublicKey instanceof Uint8Array ? importEcdhPublicKey(recipientPublicKey) : recipientPublicKey,
    ephemeralKeyPair(options.ephemeralScalar),
  ]);
  const [point, key] = await Promise.all([
    crypto.subtle.exportKey('raw', ephemeral.publicKey),
    sharedKey(ephemeral.privateKey, recipient, options.id ?? EMPTY),
  ]);
  const sealed = await gcmEncrypt(key, plaintext, options.nonce === undefined ? {} : { nonce: options.nonce });
  return concatBytes(new Uint8Array(point), sealed);
}

/**
 * Decrypts a `publicEncrypt` blob with the recipient's private key (a PKCS#8 or an ECDH CryptoKey from
 * `importEcdhPrivateKey`). Throws `ERR_DECRYPT_FAILED` for any malformed or tampered input.
 *
 * @example
 * const transmissionKey = await publicDecrypt(base64Decode(headers.get('TransmissionKey')), serverKey);
 */
export async function publicDecrypt(
  data: Uint8Array<ArrayBuffer>,
  recipientPrivateKey: CryptoKey | Uint8Array<ArrayBuffer>,
  options: { readonly id?: Uint8Array<ArrayBuffer> } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  if (data.length < POINT_LENGTH + 28 || data[0] !== 0x04) throw decryptFailed();
  const privateKey =
    recipientPrivateKey instanceof Uint8Array ? await importEcdhPrivateKey(recipientPrivateKey) : recipientPrivateKey;
  let key: CryptoKey;
  try {
    const ephemeral = await importEcdhPublicKey(data.subarray(0, POINT_LENGTH));
    key = await sharedKey(privateKey, ephemeral, options.id ?? EMPTY);
  } catch (cause) {
    if (cause instanceof KsmError && cause.code === 'ERR_DECRYPT_FAILED') throw cause;
    throw decryptFailed(cause);
  }
  return gcmDecrypt(key, data.subarray(POINT_LENGTH));
}
