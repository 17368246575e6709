// P-256 key pairs: generation, PKCS#8 import/normalisation, public key derivation and raw public key import.
import { base64Decode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A device (or server) key pair in the formats KSM stores and sends. */
export interface EcKeyPair {
  /** Unencrypted PKCS#8 DER, always the 138-byte form (spec §3.5); config `privateKey` is its std base64. */
  readonly privateKey: Uint8Array<ArrayBuffer>;
  /** 65-byte uncompressed point `04 ‖ X ‖ Y`; sent as `publicKey` at binding (std base64). */
  readonly publicKey: Uint8Array<ArrayBuffer>;
}

function pointFromJwk(jwk: JsonWebKey): Uint8Array<ArrayBuffer> {
  const x = base64Decode(jwk.x ?? '');
  const y = base64Decode(jwk.y ?? '');
  if (x.length !== 32 || y.length !== 32) throw new KsmError('ERR_INVALID_KEY', 'Unexpected P-256 JWK coordinates');
  const point = new Uint8Array(65);
  point[0] = 0x04;
  point.set(x, 1);
  point.set(y, 33);
  return point;
}

/**
 * Generates a fresh P-256 key pair and returns it as the 138-byte PKCS#8 plus the raw public point.
 *
 * @example
 * const { privateKey, publicKey } = await generateEcKeyPair();
 * config.privateKey = base64Encode(privateKey);
 */
export async function generateEcKeyPair(): Promise<EcKeyPair> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicKey = pointFromJwk(jwk);
  const scalar = base64Decode(jwk.d ?? '');
  return { privateKey: encodePkcs8({ scalar, publicKey }), publicKey };
}

/**
 * Derives the public point of a private scalar by importing it (67-byte PKCS#8, no public key) and
 * exporting it as JWK. Throws `ERR_INVALID_PKCS8` when the scalar is not a valid P-256 private key.
 */
async function publicKeyFromScalar(scalar: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  let jwk: JsonWebKey;
  try {
    const key = await crypto.subtle.importKey('pkcs8', encodePkcs8({ scalar, publicKey: null }), ECDSA, true, ['sign']);
    jwk = await crypto.subtle.exportKey('jwk', key);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_PKCS8', 'The private scalar is not a valid P-256 key', {}, { cause });
  }
  return pointFromJwk(jwk);
}

/**
 * Parses any accepted PKCS#8 form (138, 150 or 67 bytes) and returns the canonical 138-byte encoding with
 * its public key, deriving the public key when the input lacks it. Throws `ERR_INVALID_PKCS8`.
 *
 * @example
 * const { privateKey, publicKey } = await normalizePkcs8(base64Decode(javaConfig.privateKey));
 */
export async function normalizePkcs8(pkcs8: Uint8Array): Promise<EcKeyPair> {
  const { scalar, publicKey } = parsePkcs8(pkcs8);
  const point = publicKey ?? (await publicKeyFromScalar(scalar));
  return { privateKey: encodePkcs8({ scalar, publicKey: point }), publicKey: point };
}

/**
 * The 65-byte uncompressed public key of a PKCS#8 private key (derived when the PKCS#8 omits it).
 *
 * @example
 * payload.publicKey = base64Encode(await publicKeyFromPkcs8(privateKey));
 */
export async function publicKeyFromPkcs8(pkcs8: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return (await normalizePkcs8(pkcs8)).publicKey;
}

/** Imports a PKCS#8 (any accepted form) as a non-extractable key for one algorithm. */
async function importPrivate(
  pkcs8: Uint8Array,
  algorithm: typeof ECDSA | typeof ECDH,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const { privateKey } = await normalizePkcs8(pkcs8);
  try {
    return await crypto.subtle.importKey('pkcs8', privateKey, algorithm, false, usages);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_PKCS8', 'The private key could not be imported', {}, { cause });
  }
}

/**
 * Imports a device private key (PKCS#8) as a non-extractable ECDSA P-256 signing key.
 *
 * @example
 * const signingKey = await importSigningKey(base64Decode(config.privateKey));
 */
export function importSigningKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return importPrivate(pkcs8, ECDSA, ['sign']);
}

/**
 * Imports a private key (PKCS#8) as a non-extractable ECDH P-256 key, for ECIES decryption (server side).
 *
 * @example
 * const serverKey = await importEcdhPrivateKey(serverPkcs8);
 */
export function importEcdhPrivateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return importPrivate(pkcs8, ECDH, ['deriveBits']);
}

async function importPublic(
  publicKey: Uint8Array<ArrayBuffer>,
  algorithm: typeof ECDSA | typeof ECDH,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) {
    throw new KsmError('ERR_INVALID_KEY', 'P-256 public keys must be 65-byte uncompressed points', {
      length: publicKey.length,
    });
  }
  try {
    return await crypto.subtle.importKey('raw', publicKey, algorithm, true, usages);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_KEY', 'The public key is not a point on P-256', {}, { cause });
  }
}

/**
 * Imports a 65-byte uncompressed P-256 public key for ECDSA signature verification.
 *
 * @example
 * const devicePublicKey = await importVerifyingKey(base64Decode(payload.publicKey));
 */
export function importVerifyingKey(publicKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return importPublic(publicKey, ECDSA, ['verify']);
}

/**
 * Imports a 65-byte uncompressed P-256 public key as an ECIES recipient (server key, app owner key).
 *
 * @example
 * const serverKey = await importEcdhPublicKey(base64Decode(config.serverPublicKey));
 */
export function importEcdhPublicKey(publicKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return importPublic(publicKey, ECDH, []);
}

/**
 * Exports a public CryptoKey as its 65-byte uncompressed point.
 *
 * @example
 * const point = await exportPublicKey(pair.publicKey); // point[0] === 0x04
 */
export async function exportPublicKey(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}
