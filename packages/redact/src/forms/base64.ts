// Base64 forms of a secret: the full encoding, and the characters that stay the same inside any longer base64 text.

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Encodes bytes as base64 (RFC 4648 §4, or the URL alphabet of §5), with or without `=` padding.
 *
 * @example
 * encodeBase64(new TextEncoder().encode('hi'), { url: false, pad: true }); // 'aGk='
 */
export function encodeBase64(bytes: Uint8Array, { url, pad }: { url: boolean; pad: boolean }): string {
  const alphabet = url ? URL_SAFE : STANDARD;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

/**
 * The base64 characters that encode only the secret's own bits when the secret starts at byte offset
 * `shift` (0, 1 or 2) of a 3-byte group: character j covers bits [6j, 6j+6) of the shifted stream, so it is kept
 * when those bits lie inside the secret's bits [8·shift, 8·(shift+n)). The 1–2 characters at each edge that mix
 * in neighbouring bytes are dropped.
 *
 * @example
 * stableBase64(new TextEncoder().encode('hunter2'), 1, false); // base64('\0hunter2') without its first 2 chars
 */
export function stableBase64(secret: Uint8Array, shift: 0 | 1 | 2, url: boolean): string {
  const shifted = new Uint8Array(shift + secret.length);
  shifted.set(secret, shift);
  const encoded = encodeBase64(shifted, { url, pad: false });
  const first = Math.ceil((8 * shift) / 6);
  const end = Math.floor((8 * (shift + secret.length)) / 6);
  return encoded.slice(first, end);
}

/**
 * Every base64 pattern of a secret in one alphabet: the stable inner characters at the three alignments, plus the
 * complete encoding (padded and unpadded) so a value encoded on its own is masked to its last character.
 *
 * @example
 * base64Forms(new TextEncoder().encode('hunter2'), false); // ['aHVudGVy', 'aHVudGVyMg', 'aHVudGVyMg==', …]
 */
export function base64Forms(secret: Uint8Array, url: boolean): string[] {
  return [
    stableBase64(secret, 0, url),
    stableBase64(secret, 1, url),
    stableBase64(secret, 2, url),
    encodeBase64(secret, { url, pad: false }),
    encodeBase64(secret, { url, pad: true }),
  ];
}
