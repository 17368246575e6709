import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../encoding/base64.js';
import { bytesToHex, hexToBytes, utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { cbcDecrypt, cbcEncrypt } from './aes-cbc.js';
import { importAesKey } from './aes-key.js';

const KEY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

describe('cbcEncrypt', () => {
  it('matches the spec §3.8.2 vector', async () => {
    const out = await cbcEncrypt(KEY, utf8Encode('{"name":"Folder"}'), {
      iv: hexToBytes('000102030405060708090a0b0c0d0e0f'),
    });
    expect(bytesToHex(out)).toBe(
      '000102030405060708090a0b0c0d0e0f357e377f8e74733def78fd024d6b8abb87bfd3ef3616dc5b3a2ab65585e04c26',
    );
    expect(base64UrlEncode(out)).toBe('AAECAwQFBgcICQoLDA0ODzV-N3-OdHM973j9Ak1riruHv9PvNhbcWzoqtlWF4Ewm');
  });

  it('pads to whole blocks (PKCS#7): a 32-byte key becomes iv + 48 bytes', async () => {
    expect((await cbcEncrypt(KEY, new Uint8Array(32))).length).toBe(64);
    expect((await cbcEncrypt(KEY, new Uint8Array(0))).length).toBe(32);
  });
});

describe('cbcDecrypt', () => {
  it('round-trips any plaintext with a raw or an imported key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new Uint8Array(b)),
        fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(b)),
        fc.boolean(),
        async (k, plaintext, imported) => {
          const usable = imported ? await importAesKey(k, 'AES-CBC') : k;
          expect(await cbcDecrypt(usable, await cbcEncrypt(usable, plaintext))).toEqual(plaintext);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('throws ERR_DECRYPT_FAILED for impossible lengths and for bad padding', async () => {
    await expect(cbcDecrypt(KEY, new Uint8Array(16))).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
    await expect(cbcDecrypt(KEY, new Uint8Array(40))).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
    // The vector's last block ends in 15 bytes of 0x0f padding; turning its last byte into 0x20 (via the
    // previous ciphertext block) makes the padding invalid.
    const sealed = await cbcEncrypt(KEY, utf8Encode('{"name":"Folder"}'));
    expect(await cbcDecrypt(KEY, sealed)).toEqual(utf8Encode('{"name":"Folder"}'));
    sealed[31] = (sealed[31] as number) ^ (0x0f ^ 0x20);
    await expect(cbcDecrypt(KEY, sealed)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
  });
});
