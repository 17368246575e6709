import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { bytesToHex, hexToBytes } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { generateEcKeyPair, importEcdhPrivateKey } from './ec-keys.js';
import { publicDecrypt, publicEncrypt } from './ecies.js';
import { encodePkcs8 } from './pkcs8.js';

// Spec §3.8.2 ECIES vector.
const RECIPIENT_PUBLIC = 'BAIX5hfwtkQ5KCePlpmeaaI6TywVK99tbN9m5bgCgtTtGUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q';
const RECIPIENT_PKCS8 = encodePkcs8({ scalar: new Uint8Array(32).fill(0x11), publicKey: null });
const EXPECTED =
  'BNZak5d8qj0bCBhS/1ennkZfFmBXcwS66tUF3TpIWJzzUBheiVNy32Ih6joTdVfkc/3bZ1XwW9UHw8Uz/OnJEoUBAQEBAQEBAQEBAQFinQqIJ9eoBPskcZzaaCv8LJUrxWRpUZShdYxmx2FmyZyjEMxTfj2Sl4tQZG95pos=';

describe('publicEncrypt', () => {
  it('matches the spec §3.8.2 vector with the fixed ephemeral key and nonce', async () => {
    const out = await publicEncrypt(new Uint8Array(32).fill(0xab), base64Decode(RECIPIENT_PUBLIC), {
      ephemeralScalar: new Uint8Array(32).fill(0x22),
      nonce: new Uint8Array(12).fill(0x01),
    });
    expect(out.length).toBe(125);
    expect(bytesToHex(out.subarray(0, 65))).toBe(
      '04d65a93977caa3d1b081852ff57a79e465f1660577304baead505dd3a48589cf350185e895372df6221ea3a137557e473fddb6755f05bd507c3c533fce9c91285',
    );
    expect(base64Encode(out)).toBe(EXPECTED);
  });

  it('uses a fresh ephemeral key each time', async () => {
    const key = base64Decode(RECIPIENT_PUBLIC);
    const a = await publicEncrypt(new Uint8Array(32), key);
    const b = await publicEncrypt(new Uint8Array(32), key);
    expect(bytesToHex(a.subarray(0, 65))).not.toBe(bytesToHex(b.subarray(0, 65)));
  });

  it.each([0, 8, 16])('rejects a %i-byte nonce option with ERR_INVALID_INPUT', async (length) => {
    const options = { ephemeralScalar: new Uint8Array(32).fill(0x22), nonce: new Uint8Array(length).fill(0x01) };
    await expect(publicEncrypt(new Uint8Array(32), base64Decode(RECIPIENT_PUBLIC), options)).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_INPUT'),
    );
  });

  it('rejects a recipient key that is not a P-256 point', async () => {
    await expect(publicEncrypt(new Uint8Array(32), new Uint8Array(65))).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_KEY'),
    );
  });
});

describe('publicDecrypt', () => {
  it('opens the spec vector with the recipient private key (PKCS#8 or CryptoKey)', async () => {
    const blob = base64Decode(EXPECTED);
    expect(await publicDecrypt(blob, RECIPIENT_PKCS8)).toEqual(new Uint8Array(32).fill(0xab));
    const key = await importEcdhPrivateKey(RECIPIENT_PKCS8);
    expect(await publicDecrypt(blob, key)).toEqual(new Uint8Array(32).fill(0xab));
  });

  it('hashes the optional id after the shared secret', async () => {
    const pair = await generateEcKeyPair();
    const id = hexToBytes('0102');
    const blob = await publicEncrypt(new Uint8Array([9]), pair.publicKey, { id });
    expect(await publicDecrypt(blob, pair.privateKey, { id })).toEqual(new Uint8Array([9]));
    await expect(publicDecrypt(blob, pair.privateKey)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
  });

  it('round-trips any plaintext and fails on any flipped bit', async () => {
    const pair = await generateEcKeyPair();
    const key = await importEcdhPrivateKey(pair.privateKey);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 100 }).map((b) => new Uint8Array(b)),
        fc.nat(),
        fc.nat(7),
        async (plaintext, at, bit) => {
          const blob = await publicEncrypt(plaintext, pair.publicKey);
          expect(blob.length).toBe(plaintext.length + 93);
          expect(await publicDecrypt(blob, key)).toEqual(plaintext);
          blob[at % blob.length] = (blob[at % blob.length] as number) ^ (1 << bit);
          await expect(publicDecrypt(blob, key)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fails with ERR_DECRYPT_FAILED for the wrong recipient and for short input', async () => {
    const blob = base64Decode(EXPECTED);
    const other = await generateEcKeyPair();
    await expect(publicDecrypt(blob, other.privateKey)).rejects.toSatisfy((e) => isKsmError(e, 'ERR_DECRYPT_FAILED'));
    await expect(publicDecrypt(blob.subarray(0, 90), RECIPIENT_PKCS8)).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_DECRYPT_FAILED'),
    );
  });
});
