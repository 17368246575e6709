// Base64 in both RFC 4648 alphabets: standard (padded) and URL-safe (unpadded), with one lenient decoder.
import { KsmError } from '../errors.js';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Sextet value of every char code; both alphabets map, everything else is -1. */
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DECODE[STD.charCodeAt(i)] = i;
  DECODE[URL.charCodeAt(i)] = i;
}

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const out: string[] = [];
  let chunk = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    chunk +=
      alphabet.charAt(n >>> 18) +
      alphabet.charAt((n >>> 12) & 63) +
      alphabet.charAt((n >>> 6) & 63) +
      alphabet.charAt(n & 63);
    if (chunk.length >= 4096) {
      out.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = (bytes[full] as number) << 16;
    chunk += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[full] as number) << 16) | ((bytes[full + 1] as number) << 8);
    chunk +=
      alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + alphabet.charAt((n >>> 6) & 63) + (pad ? '=' : '');
  }
  out.push(chunk);
  return out.join('');
}

/** Standard base64 (`+/`) with `=` padding, as Keeper emits key and ciphertext fields. */
export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, STD, true);
}

/** URL-safe base64 (`-_`) without padding, as Keeper emits UIDs, appData and tokens. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return encode(bytes, URL, false);
}

/**
 * Decodes either alphabet, padded or not (the SDKs disagree, so readers must accept both).
 * Throws `ERR_INVALID_BASE64` on any other character, misplaced padding or an impossible length.
 *
 * @example
 * base64Decode('AAEC') // Uint8Array [0, 1, 2]
 */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) throw invalid(text.length);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let i = 0;
  const full = end - (end % 4);
  for (; i < full; i += 4) {
    const n = (sextet(text, i) << 18) | (sextet(text, i + 1) << 12) | (sextet(text, i + 2) << 6) | sextet(text, i + 3);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = end - full;
  if (rest === 2) {
    out[o] = (sextet(text, i) << 2) | (sextet(text, i + 1) >>> 4);
  } else if (rest === 3) {
    const n = (sextet(text, i) << 10) | (sextet(text, i + 1) << 4) | (sextet(text, i + 2) >>> 2);
    out[o++] = n >>> 8;
    out[o] = n & 255;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (DECODE[code] as number) : -1;
  if (value < 0) throw invalid(text.length, index);
  return value;
}

function invalid(length: number, position?: number): KsmError {
  const where =
    position === undefined ? 'has an impossible length or padding' : `has an invalid character at position ${position}`;
  return new KsmError('ERR_INVALID_BASE64', `Base64 text ${where}; expected RFC 4648 standard or URL-safe base64`, {
    length,
    position: position ?? null,
  });
}
