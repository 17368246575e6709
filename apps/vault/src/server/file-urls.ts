// Capability URLs for file transfers: HMAC-signed, expiring download/thumbnail URLs and upload credentials.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { base64Decode, base64UrlEncode } from '@ksmkit/core';

/** What a capability allows. */
export type FileCapability = 'content' | 'thumbnail' | 'upload';

/** Path prefix of the file routes. */
export const FILES_PATH = '/api/rest/sm/v1/files';

/**
 * Derives the HMAC-SHA256 key that signs file capabilities from secret server key material (HKDF; stable
 * across restarts, so URLs survive a restart until they expire).
 *
 * @example
 * const key = deriveUrlSigningKey(serverKey.privateKey);
 */
export function deriveUrlSigningKey(secret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), 'ksmkit-vault file capabilities', 32));
}

function mac(key: Uint8Array, capability: FileCapability, fileUid: string, expires: number): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(`${capability}\n${fileUid}\n${expires}`).digest());
}

/**
 * Signs a capability for one file until `expires` (ms since the epoch); returns the url-base64 signature.
 * Synchronous, so responses can be rendered inside one read transaction.
 *
 * @example
 * const sig = signCapability(key, 'content', fileUid, Date.now() + 3_600_000);
 */
export function signCapability(key: Uint8Array, capability: FileCapability, fileUid: string, expires: number): string {
  return base64UrlEncode(mac(key, capability, fileUid, expires));
}

/**
 * Checks a capability signature and its expiry (constant-time compare).
 *
 * @example
 * if (!verifyCapability(key, 'content', uid, expires, sig, Date.now())) deny();
 */
export function verifyCapability(
  key: Uint8Array,
  capability: FileCapability,
  fileUid: string,
  expires: number,
  signature: string,
  now: number,
): boolean {
  if (!Number.isSafeInteger(expires) || expires <= now) return false;
  let given: Uint8Array;
  try {
    given = base64Decode(signature);
  } catch {
    return false;
  }
  const expected = mac(key, capability, fileUid, expires);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The https download URL of a file's content or thumbnail.
 *
 * @example
 * const url = downloadUrl(key, 'https://127.0.0.1:8443', fileUid, 'content', expires);
 */
export function downloadUrl(
  key: Uint8Array,
  origin: string,
  fileUid: string,
  capability: 'content' | 'thumbnail',
  expires: number,
): string {
  return `${origin}${FILES_PATH}/${fileUid}/${capability}?expires=${expires}&sig=${signCapability(key, capability, fileUid, expires)}`;
}
