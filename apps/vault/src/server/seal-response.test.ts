// Tests of response sealing: what @ksmkit/core's decryptResponse (the client side) opens, in the §4.2 layout.
import { randomBytes } from 'node:crypto';
import { decryptResponse, gcmDecrypt, utf8Decode } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import { sealResponse } from './seal-response.js';

describe('sealResponse', () => {
  const key = new Uint8Array(randomBytes(32));
  const payload = { appData: 'x', records: [{ data: 'ü€😀 "q" \\ \u2028', revision: 3 }], warnings: null };

  it('seals UTF-8 JSON as nonce ‖ ciphertext ‖ tag that the client opens', async () => {
    const sealed = sealResponse(key, payload);
    const json = JSON.stringify(payload);
    expect(sealed.length).toBe(12 + new TextEncoder().encode(json).length + 16);
    expect(utf8Decode(await gcmDecrypt(key, sealed))).toBe(json);
    expect(await decryptResponse(key, sealed)).toEqual(payload);
  });

  it('uses a fresh nonce each time and returns a standalone array', () => {
    const a = sealResponse(key, payload);
    const b = sealResponse(key, payload);
    expect(Buffer.from(a.subarray(0, 12)).equals(Buffer.from(b.subarray(0, 12)))).toBe(false);
    expect(Buffer.isBuffer(a)).toBe(false);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(a.length);
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => sealResponse(new Uint8Array(16), payload)).toThrow();
  });
});
