// RFC 4648 base32 decoding, tolerant the way Keeper's JS SDK is (any case, padding optional).
import { KsmError } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Options of {@link base32Decode}. */
export interface Base32DecodeOptions {
  /**
   * Keep the bits of an incomplete final quantum as one more (zero-filled) byte, as the official JS SDK
   * does when it derives TOTP keys. Default `false`: such bits are discarded, as RFC 4648 decoders do.
   */
  readonly keepPartialByte?: boolean;
}

/**
 * Decodes base32 (`A-Z2-7`, upper or lower case). Any run of trailing `=` is ignored, so padding is optional;
 * every other character (including spaces and inner `=`) throws `ERR_INVALID_INPUT` with its position.
 *
 * @example
 * base32Decode('MZXW6===') // bytes of "foo"
 * base32Decode('mzxw6') // bytes of "foo"
 * base32Decode('MZXW6', { keepPartialByte: true }) // bytes of "foo" plus 0x00 (the SDK's TOTP key)
 */
export function base32Decode(input: string, options: Base32DecodeOptions = {}): Uint8Array<ArrayBuffer> {
  // Upper-case the whole text first, as the SDK does (so e.g. 'ß' reads as 'SS').
  const text = input.toUpperCase();
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  const bits = end * 5;
  const out = new Uint8Array(options.keepPartialByte ? Math.ceil(bits / 8) : Math.floor(bits / 8));
  let buffer = 0;
  let held = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const value = ALPHABET.indexOf(text.charAt(i));
    if (value < 0) {
      throw new KsmError('ERR_INVALID_INPUT', `Base32 text has an invalid character at position ${i}`, {
        length: text.length,
        position: i,
      });
    }
    buffer = ((buffer << 5) | value) & 0xfff;
    held += 5;
    if (held >= 8) {
      held -= 8;
      out[o++] = (buffer >>> held) & 0xff;
    }
  }
  if (o < out.length) out[o] = (buffer << (8 - held)) & 0xff;
  return out;
}
