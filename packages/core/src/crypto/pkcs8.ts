// PKCS#8 for EC P-256 device keys: a real ASN.1 parser (138-, 150- and 67-byte forms) and the 138-byte encoder.
import { KsmError } from '../errors.js';
import { bytesEqual, encodeDer, readDer } from './der.js';

/** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
const EC_PUBLIC_KEY_OID = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/** DER of OID 1.2.840.10045.3.1.7 (prime256v1 / P-256). */
const P256_OID = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/** The parts of a P-256 private key: the 32-byte scalar and, when the encoding carries it, the public point. */
export interface EcPrivateKeyParts {
  readonly scalar: Uint8Array<ArrayBuffer>;
  /** 65-byte uncompressed point `04 ‖ X ‖ Y`, or null when the PKCS#8 omits it (e.g. Java SunEC output). */
  readonly publicKey: Uint8Array<ArrayBuffer> | null;
}

function invalid(reason: string, length: number): KsmError {
  return new KsmError('ERR_INVALID_PKCS8', `Not an unencrypted PKCS#8 P-256 private key: ${reason}`, {
    reason,
    length,
  });
}

/**
 * Parses an unencrypted PKCS#8 `PrivateKeyInfo` holding an RFC 5915 `ECPrivateKey` on P-256. Accepts the
 * optional `[0]` curve parameters and a missing `[1]` public key. Throws `ERR_INVALID_PKCS8` otherwise.
 *
 * @example
 * const { scalar, publicKey } = parsePkcs8(base64Decode(config.privateKey));
 */
export function parsePkcs8(der: Uint8Array): EcPrivateKeyParts {
  const fail = (reason: string) => invalid(reason, der.length);
  const info = readDer(der, 0);
  if (info === null || info.tag !== 0x30 || info.end !== der.length) throw fail('outer SEQUENCE');
  const version = readDer(der, info.start, info.end);
  if (version === null || !bytesEqual(der, version.start - 2, version.end, [0x02, 0x01, 0x00])) {
    throw fail('version');
  }
  const algorithm = readDer(der, version.end, info.end);
  if (algorithm === null || algorithm.tag !== 0x30) throw fail('algorithm');
  if (!bytesEqual(der, algorithm.start, algorithm.end, [...EC_PUBLIC_KEY_OID, ...P256_OID])) {
    throw fail('not an EC P-256 key');
  }
  const octets = readDer(der, algorithm.end, info.end);
  if (octets === null || octets.tag !== 0x04) throw fail('privateKey OCTET STRING');
  // Anything after the OCTET STRING is [0] attributes / [1] public key of PKCS#8 v2: ignored.

  const ec = readDer(der, octets.start, octets.end);
  if (ec === null || ec.tag !== 0x30 || ec.end !== octets.end) throw fail('ECPrivateKey SEQUENCE');
  const ecVersion = readDer(der, ec.start, ec.end);
  if (ecVersion === null || !bytesEqual(der, ecVersion.start - 2, ecVersion.end, [0x02, 0x01, 0x01])) {
    throw fail('ECPrivateKey version');
  }
  const secret = readDer(der, ecVersion.end, ec.end);
  const secretLength = secret === null ? 0 : secret.end - secret.start;
  if (secret === null || secret.tag !== 0x04 || secretLength === 0 || secretLength > 32) {
    throw fail('private scalar');
  }
  const scalar = new Uint8Array(32);
  scalar.set(der.subarray(secret.start, secret.end), 32 - secretLength);

  let publicKey: Uint8Array<ArrayBuffer> | null = null;
  let offset = secret.end;
  while (offset < ec.end) {
    const field = readDer(der, offset, ec.end);
    if (field === null) throw fail('ECPrivateKey optional fields');
    if (field.tag === 0xa0) {
      if (!bytesEqual(der, field.start, field.end, P256_OID)) throw fail('curve parameters');
    } else if (field.tag === 0xa1) {
      const bits = readDer(der, field.start, field.end);
      if (bits === null || bits.tag !== 0x03 || bits.end !== field.end) throw fail('public key BIT STRING');
      if (bits.end - bits.start !== 66 || der[bits.start] !== 0 || der[bits.start + 1] !== 0x04) {
        throw fail('public key is not an uncompressed P-256 point');
      }
      publicKey = der.slice(bits.start + 1, bits.end);
    } else {
      throw fail('unexpected ECPrivateKey field');
    }
    offset = field.end;
  }
  return { scalar, publicKey };
}

/**
 * Encodes the 138-byte PKCS#8 form every SDK reads (no `[0]` parameters, `[1]` public key included, §3.5).
 * Passing `publicKey: null` produces the 67-byte form without the public key (only used internally to
 * derive a missing public key, and by tests).
 *
 * @example
 * const pkcs8 = encodePkcs8({ scalar, publicKey }); // pkcs8.length === 138
 */
export function encodePkcs8(parts: EcPrivateKeyParts): Uint8Array<ArrayBuffer> {
  if (parts.scalar.length !== 32) throw invalid('private scalar', parts.scalar.length);
  if (parts.publicKey !== null && (parts.publicKey.length !== 65 || parts.publicKey[0] !== 0x04)) {
    throw invalid('public key is not an uncompressed P-256 point', parts.publicKey.length);
  }
  const ecPrivateKey = [
    0x02,
    0x01,
    0x01,
    ...encodeDer(0x04, parts.scalar),
    ...(parts.publicKey === null ? [] : encodeDer(0xa1, encodeDer(0x03, [0, ...parts.publicKey]))),
  ];
  const info = [
    0x02,
    0x01,
    0x00,
    ...encodeDer(0x30, [...EC_PUBLIC_KEY_OID, ...P256_OID]),
    ...encodeDer(0x04, encodeDer(0x30, ecPrivateKey)),
  ];
  return Uint8Array.from(encodeDer(0x30, info));
}
