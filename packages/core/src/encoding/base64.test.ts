import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { base64Decode, base64Encode, base64UrlEncode } from './base64.js';

describe('base64', () => {
  it('encodes RFC 4648 test vectors in both alphabets', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(base64Encode(bytes)).toBe(encoded);
      expect(base64UrlEncode(bytes)).toBe(encoded.replace(/=+$/, ''));
      expect(base64Decode(encoded)).toEqual(bytes);
    }
  });

  it('decodes both alphabets with or without padding', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(base64Encode(bytes)).toBe('+/+/');
    expect(base64UrlEncode(bytes)).toBe('-_-_');
    expect(base64Decode('+/+/')).toEqual(bytes);
    expect(base64Decode('-_-_')).toEqual(bytes);
    expect(base64Decode('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(base64Decode('-_8=')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('rejects foreign characters and impossible lengths with ERR_INVALID_BASE64', () => {
    for (const bad of ['a', 'ab!d', 'ab=d', 'abcde', 'ab===', 'é123']) {
      let caught: unknown;
      try {
        base64Decode(bad);
      } catch (error) {
        caught = error;
      }
      expect(isKsmError(caught, 'ERR_INVALID_BASE64'), bad).toBe(true);
    }
  });

  it('round-trips any bytes in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
        expect(base64Decode(base64UrlEncode(bytes))).toEqual(bytes);
      }),
    );
  });
});
