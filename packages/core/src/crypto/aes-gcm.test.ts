import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
import { importAesKey } from './aes-key.js';

const KEY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const bytes = (max = 300) => fc.uint8Array({ maxLength: max }).map((b) => new Uint8Array(b));
const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new Uint8Array(b));

describe('gcmEncrypt', () => {
  it('matches the spec §3.8.2 vector', async () => {
    const out = await gcmEncrypt(KEY, utf8Encode('KSM test vector'), { nonce: hexToBytes('000102030405060708090a0b') });
    expect(bytesToHex(out)).toBe(
      '000102030405060708090a0b0c519b3bb180b16fad37f2e8c5860a6ccdc4719d7233454bd3bcbbb04f5943',
    );
  });

  it('lays out nonce ‖ ciphertext ‖ tag with a fresh nonce each time', async () => {
    const a = await gcmEncrypt(KEY, new Uint8Array(32));
    const b = await gcmEncrypt(KEY, new Uint8Array(32));
    expect(a.length).toBe(60);
    expect(bytesToHex(a.subarray(0, 12))).not.toBe(bytesToHex(b.subarray(0, 12)));
  });

  it('rejects keys that are not 32 bytes and nonces that are not 12 bytes', async () => {
    await expect(gcmEncrypt(new Uint8Array(16), new Uint8Array(1))).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_KEY'),
    );
    await expect(gcmEncrypt(KEY, new Uint8Array(1), { nonce: new Uint8Array(16) })).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_INPUT'),
    );
  });

  it.each([0, 8, 11, 13, 16])('rejects a %i-byte nonce with ERR_INVALID_INPUT and its length', async (length) => {
    const error = await gcmEncrypt(KEY, new Uint8Array(1), { nonce: new Uint8Array(length) }).catch((e: unknown) => e);
    expect(isKsmError(error, 'ERR_INVALID_INPUT')).toBe(true);
    expect(isKsmError(error) && error.details).toEqual({ length });
  });

  it('refuses a CBC key', async () => {
    const cbc = await importAesKey(KEY, 'AES-CBC');
    await expect(gcmEncrypt(cbc, new Uint8Array(1))).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_KEY'));
  });
});

describe('gcmDecrypt', () => {
  it('round-trips any plaintext with a raw or an imported key', async () => {
    await fc.assert(
      fc.asyncProperty(key, bytes(), fc.boolean(), async (k, plaintext, imported) => {
        const usable = imported ? await importAesKey(k) : k;
        expect(await gcmDecrypt(usable, await gcmEncrypt(usable, plaintext))).toEqual(plaintext);
      }),
      { numRuns: 50 },
    );
  });

  it('throws ERR_DECRYPT_FAILED when any single bit is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(key, bytes(64), fc.nat(), fc.nat(7), async (k, plaintext, at, bit) => {
        const sealed = await gcmEncrypt(k, plaintext);
        sealed[at % sealed.length] = (sealed[at % sealed.length] as number) ^ (1 << bit);
        await expect(gcmDecrypt(k, sealed)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
      }),
      { numRuns: 50 },
    );
  });

  it('throws ERR_DECRYPT_FAILED for the wrong key and for truncated input', async () => {
    const sealed = await gcmEncrypt(KEY, utf8Encode('secret'));
    await expect(gcmDecrypt(new Uint8Array(32), sealed)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
    await expect(gcmDecrypt(KEY, sealed.subarray(0, 27))).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
  });

  it('keeps the failure message bland', async () => {
    const error = await gcmDecrypt(KEY, new Uint8Array(40)).catch((e: unknown) => e);
    expect(isKsmError(error, 'ERR_DECRYPT_FAILED') && error.message).toBe('decryption failed');
    expect(isKsmError(error) && error.details).toEqual({});
  });
});
