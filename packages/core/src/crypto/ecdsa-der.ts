// Converts ECDSA P-256 signatures between WebCrypto's raw r‖s (IEEE P1363) and ASN.1 DER, which KSM sends.
import { encodeDer, readDer } from './der.js';

const SCALAR = 32;

/** Minimal DER INTEGER contents for an unsigned big-endian scalar. */
function integerContents(scalar: Uint8Array): number[] {
  let i = 0;
  while (i < scalar.length - 1 && scalar[i] === 0) i++;
  const out = Array.from(scalar.subarray(i));
  if (((out[0] as number) & 0x80) !== 0) out.unshift(0);
  return out;
}

/**
 * DER-encodes a 64-byte raw `r ‖ s` signature as `SEQUENCE { INTEGER r, INTEGER s }` (8–72 bytes).
 *
 * @example
 * const der = signatureToDer(new Uint8Array(await crypto.subtle.sign(alg, key, data)));
 */
export function signatureToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length !== 2 * SCALAR) throw new RangeError('raw P-256 signatures are 64 bytes');
  const r = encodeDer(0x02, integerContents(raw.subarray(0, SCALAR)));
  const s = encodeDer(0x02, integerContents(raw.subarray(SCALAR)));
  return Uint8Array.from(encodeDer(0x30, [...r, ...s]));
}

/** Reads one strictly-DER positive INTEGER of at most 32 value bytes into `out` (right-aligned). */
function readScalar(der: Uint8Array, offset: number, limit: number, out: Uint8Array, at: number): number | null {
  const element = readDer(der, offset, limit);
  if (element === null || element.tag !== 0x02) return null;
  let { start } = element;
  const { end } = element;
  if (end === start) return null;
  const first = der[start] as number;
  if (first & 0x80) return null; // negative
  if (first === 0 && end - start > 1) {
    // a leading zero is only allowed (and required) before a byte with its high bit set
    if (((der[start + 1] as number) & 0x80) === 0) return null;
    start++;
  }
  const length = end - start;
  if (length > SCALAR) return null;
  out.set(der.subarray(start, end), at + SCALAR - length);
  return end;
}

/**
 * Parses a DER ECDSA signature into the 64-byte raw `r ‖ s` WebCrypto verifies. Returns null for anything
 * that is not exactly one canonical `SEQUENCE { INTEGER, INTEGER }` (never throws on untrusted input).
 *
 * @example
 * const raw = signatureFromDer(base64Decode(authorization.slice('Signature '.length)));
 */
export function signatureFromDer(der: Uint8Array): Uint8Array<ArrayBuffer> | null {
  const sequence = readDer(der, 0);
  if (sequence === null || sequence.tag !== 0x30 || sequence.end !== der.length) return null;
  const raw = new Uint8Array(2 * SCALAR);
  const afterR = readScalar(der, sequence.start, sequence.end, raw, 0);
  if (afterR === null) return null;
  const afterS = readScalar(der, afterR, sequence.end, raw, SCALAR);
  if (afterS !== sequence.end) return null;
  return raw;
}
