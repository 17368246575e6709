// Internal (not re-exported): validation and encoding of single device-config fields, never echoing values.
import { computeClientId } from '../crypto/client-id.js';
import { normalizePkcs8 } from '../crypto/ec-keys.js';
import { encodePkcs8, parsePkcs8 } from '../crypto/pkcs8.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import type { DeviceConfigKey } from './device-config.js';
import { normalizeHostname } from './hostname.js';

/** ERR_INVALID_CONFIG naming the key and what is wrong with it, never its value. */
export function invalidConfig(key: DeviceConfigKey, reason: string, expected: string, cause?: unknown): KsmError {
  return new KsmError(
    'ERR_INVALID_CONFIG',
    `Invalid device config: "${key}" ${expected}`,
    { key, reason },
    cause === undefined ? undefined : { cause },
  );
}

/** Byte lengths of the fixed-size byte fields, and what each should be. */
const BYTE_FIELDS = {
  clientId: [64, 'must be base64 of 64 bytes (HMAC-SHA512)'],
  clientKey: [32, 'must be base64 of the 32 one-time token bytes'],
  appKey: [32, 'must be base64 of a 32-byte AES key'],
  appOwnerPublicKey: [65, 'must be base64 of a 65-byte uncompressed P-256 point'],
  serverPublicKey: [65, 'must be base64 of a 65-byte uncompressed P-256 point'],
} as const satisfies Partial<Record<DeviceConfigKey, readonly [number, string]>>;

/** A config key whose value is a fixed-size byte string. */
export type ByteField = keyof typeof BYTE_FIELDS;

/** Checks the size (and point prefix) of a byte field; throws ERR_INVALID_CONFIG. */
export function checkBytes(key: ByteField, bytes: Uint8Array | undefined): void {
  if (bytes === undefined) return;
  const [length, expected] = BYTE_FIELDS[key];
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw invalidConfig(key, 'length', expected);
  if (length === 65 && bytes[0] !== 0x04) throw invalidConfig(key, 'point', expected);
}

/** Decodes a byte field (either base64 alphabet, padding optional) and checks it; throws ERR_INVALID_CONFIG. */
export function decodeBytes(key: ByteField, text: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64Decode(text.trim());
  } catch {
    throw invalidConfig(key, 'base64', BYTE_FIELDS[key][1]);
  }
  checkBytes(key, bytes);
  return bytes;
}

/** Normalises a config hostname (region codes resolved, `https://` dropped); throws ERR_INVALID_CONFIG. */
export function checkHostname(text: string): string {
  try {
    return normalizeHostname(text);
  } catch (cause) {
    throw invalidConfig('hostname', 'hostname', 'must be host[:port], https://host[:port] or a region code', cause);
  }
}

/** Checks a serverPublicKeyId (up to 9 digits) and returns it as a number; throws ERR_INVALID_CONFIG. */
export function checkKeyId(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^\d{1,9}$/.test(text)) {
    throw invalidConfig('serverPublicKeyId', 'key-id', 'must be a non-negative integer, e.g. "10"');
  }
  return Number(text);
}

/** Checks that a caCertificate looks like PEM; throws ERR_INVALID_CONFIG. */
export function checkCaCertificate(value: string): string {
  if (!value.includes('-----BEGIN CERTIFICATE-----') || !value.includes('-----END CERTIFICATE-----')) {
    throw invalidConfig('caCertificate', 'not-pem', 'must be PEM text (-----BEGIN CERTIFICATE----- …)');
  }
  return value;
}

/** std base64 of the 138-byte form of a PKCS#8 that embeds its public key; throws ERR_INVALID_CONFIG. */
export function encodePrivateKey(privateKey: Uint8Array): string {
  let parts: ReturnType<typeof parsePkcs8>;
  try {
    parts = parsePkcs8(privateKey);
  } catch (cause) {
    throw invalidConfig('privateKey', 'pkcs8', 'must be an unencrypted PKCS#8 P-256 private key', cause);
  }
  if (parts.publicKey === null) {
    throw invalidConfig('privateKey', 'no-public-key', 'must embed its public key (normalise it with normalizePkcs8)');
  }
  return base64Encode(encodePkcs8(parts));
}

/** Decodes a stored privateKey (138-, 150- or 67-byte PKCS#8) into the 138-byte form; throws ERR_INVALID_CONFIG. */
export async function decodePrivateKey(text: string): Promise<Uint8Array<ArrayBuffer>> {
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = base64Decode(text.trim());
  } catch {
    throw invalidConfig('privateKey', 'base64', 'must be base64 of an unencrypted PKCS#8 P-256 private key');
  }
  try {
    return (await normalizePkcs8(der)).privateKey;
  } catch (cause) {
    throw invalidConfig('privateKey', 'pkcs8', 'must be an unencrypted PKCS#8 P-256 private key', cause);
  }
}

/** Checks that clientId is the HMAC of clientKey (a config mixing two devices is unusable). */
export async function checkClientIdMatches(clientKey: Uint8Array<ArrayBuffer>, clientId: string): Promise<void> {
  if ((await computeClientId(clientKey)) !== clientId) {
    throw invalidConfig('clientKey', 'client-id-mismatch', 'does not belong to "clientId" (HMAC-SHA512 mismatch)');
  }
}
