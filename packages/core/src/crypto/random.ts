// Cryptographically secure random bytes from the platform CSPRNG (crypto.getRandomValues).

/** getRandomValues refuses requests above 65,536 bytes, so larger ones are filled in chunks. */
const MAX_CHUNK = 65_536;

/**
 * Returns `length` bytes from the platform CSPRNG.
 *
 * @example
 * const transmissionKey = randomBytes(32);
 */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError('randomBytes expects a non-negative integer length');
  }
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_CHUNK) {
    crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_CHUNK)));
  }
  return out;
}
