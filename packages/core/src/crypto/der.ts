// A minimal, strict ASN.1 DER reader and writer: just what PKCS#8 EC keys and ECDSA signatures need.

/** One decoded TLV: its tag, where its contents start and end, and where the next TLV starts. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads the TLV at `offset` that must end no later than `limit`. Returns null on anything malformed:
 * high tag numbers, indefinite or non-minimal lengths, or contents running past `limit`.
 *
 * @example
 * readDer(Uint8Array.of(0x02, 0x01, 0x05), 0) // { tag: 2, start: 2, end: 3 }
 */
export function readDer(bytes: Uint8Array, offset: number, limit: number = bytes.length): DerElement | null {
  if (offset + 2 > limit) return null;
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) return null;
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 2 || start + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | (bytes[start + i] as number);
    start += count;
    // DER: the long form only for lengths >= 128, and without leading zero bytes.
    if (length < 0x80 || (count === 2 && length < 0x100)) return null;
  }
  const end = start + length;
  if (end > limit) return null;
  return { tag, start, end };
}

/** Encodes a DER length (short or long form). */
function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length < 0x100) return [0x81, length];
  return [0x82, length >>> 8, length & 0xff];
}

/**
 * Encodes one TLV from a tag and already-encoded contents.
 *
 * @example
 * encodeDer(0x04, [1, 2]) // [0x04, 0x02, 1, 2]
 */
export function encodeDer(tag: number, contents: readonly number[] | Uint8Array): number[] {
  const out = [tag, ...encodeLength(contents.length)];
  for (const byte of contents) out.push(byte);
  return out;
}

/**
 * True when `bytes[start, end)` equals `expected` (public, non-secret data only: not constant-time).
 *
 * @example
 * bytesEqual(der, oid.start, oid.end, P256_OID)
 */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, expected: readonly number[]): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}
