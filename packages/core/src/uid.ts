// Record, folder and file UIDs: 16 random bytes as 22 characters of url base64 (spec §1.2).

import { randomBytes } from './crypto/random.js';
import { base64UrlEncode } from './encoding/base64.js';

const UID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const REDRAWS = 8;

/**
 * A new record or folder UID. Like Keeper's SDKs it avoids a leading `-` or `_` (which would start a
 * command-line argument): a first byte with its top five bits set is redrawn up to 8 times, then bit 7
 * is cleared.
 *
 * @example
 * const recordUid = generateRecordUid(); // e.g. 'L8b2Ijj9rqd-3spgNZiZWA'
 */
export function generateRecordUid(): string {
  return base64UrlEncode(recordUidBytes(randomBytes));
}

/**
 * The UID byte rule of `generateRecordUid`, with the random source passed in (exported for tests).
 *
 * @example
 * recordUidBytes(() => new Uint8Array(16).fill(0xff))[0] // 0x7f
 */
export function recordUidBytes(random: (length: number) => Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  let bytes = random(16);
  for (let attempt = 0; attempt < REDRAWS && leadsWithDashOrUnderscore(bytes); attempt++) bytes = random(16);
  if (leadsWithDashOrUnderscore(bytes)) bytes[0] = (bytes[0] as number) & 0x7f;
  return bytes;
}

/** url base64 maps a first byte of 0xF8..0xFF to '-' (62) or '_' (63). */
function leadsWithDashOrUnderscore(bytes: Uint8Array): boolean {
  return ((bytes[0] as number) & 0xf8) === 0xf8;
}

/**
 * A new file UID: plain 16 random bytes, as `add_file` creates them (no leading-character rule).
 *
 * @example
 * const fileUid = generateFileUid();
 */
export function generateFileUid(): string {
  return base64UrlEncode(randomBytes(16));
}

/**
 * True when `text` has the shape of a UID (22 url-base64 characters). Notation uses this to tell a UID
 * from a title.
 *
 * @example
 * isUid('y6FBhg7C-wy2zaM0-ouI-Q') // true
 */
export function isUid(text: string): boolean {
  return UID_PATTERN.test(text);
}
