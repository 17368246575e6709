// Tests of the native base64 of response fields: the same text as @ksmkit/core's encoders for every length.
import { randomBytes } from 'node:crypto';
import { base64Encode, base64UrlEncode } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import { wireBase64, wireBase64Url } from './wire-base64.js';

describe('wireBase64 / wireBase64Url', () => {
  it('match base64Encode and base64UrlEncode byte for byte', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(wireBase64(bytes)).toBe(base64Encode(bytes));
      expect(wireBase64Url(bytes)).toBe(base64UrlEncode(bytes));
    }
    const edges = new Uint8Array([0xfb, 0xff, 0xbf, 0x3e, 0x00]);
    expect(wireBase64(edges)).toBe('+/+/PgA=');
    expect(wireBase64Url(edges)).toBe('-_-_PgA');
  });

  it('encode only the viewed bytes of a Buffer or a Uint8Array view', () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    const view = backing.subarray(2, 5);
    expect(wireBase64(view)).toBe(base64Encode(new Uint8Array([3, 4, 5])));
    const pooled = Buffer.from([9, 8, 7, 6]).subarray(1, 3);
    expect(wireBase64Url(pooled)).toBe(base64UrlEncode(new Uint8Array([8, 7])));
  });
});
