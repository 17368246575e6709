import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEcKeyPair, importSigningKey, importVerifyingKey } from './ec-keys.js';
import { signEcdsa, verifyEcdsa } from './ecdsa.js';
import { signatureFromDer, signatureToDer } from './ecdsa-der.js';

const bytes = (max = 200) => fc.uint8Array({ maxLength: max }).map((b) => new Uint8Array(b));

describe('signEcdsa / verifyEcdsa', async () => {
  const pair = await generateEcKeyPair();
  const signingKey = await importSigningKey(pair.privateKey);
  const verifyingKey = await importVerifyingKey(pair.publicKey);

  it('signs in DER (70-72 bytes typical) and verifies with a raw or imported public key', async () => {
    await fc.assert(
      fc.asyncProperty(bytes(), fc.boolean(), async (data, raw) => {
        const signature = await signEcdsa(signingKey, data);
        expect(signature[0]).toBe(0x30);
        expect(signature.length).toBeLessThanOrEqual(72);
        expect(await verifyEcdsa(raw ? pair.publicKey : verifyingKey, data, signature)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('returns false when any bit of the data or the signature is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(bytes(64), fc.nat(), fc.nat(7), fc.boolean(), async (data, at, bit, inSignature) => {
        const message = data.length === 0 ? new Uint8Array([0]) : data;
        const signature = await signEcdsa(signingKey, message);
        const target = inSignature ? signature : message;
        target[at % target.length] = (target[at % target.length] as number) ^ (1 << bit);
        expect(await verifyEcdsa(verifyingKey, message, signature)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('returns false (never throws) for garbage signatures and garbage public keys', async () => {
    const data = new Uint8Array([1]);
    const good = await signEcdsa(signingKey, data);
    expect(await verifyEcdsa(verifyingKey, data, new Uint8Array(0))).toBe(false);
    expect(await verifyEcdsa(verifyingKey, data, new Uint8Array(64))).toBe(false);
    expect(await verifyEcdsa(new Uint8Array(65), data, good)).toBe(false);
    expect(await verifyEcdsa(new Uint8Array(3), data, good)).toBe(false);
    await fc.assert(
      fc.asyncProperty(bytes(80), async (garbage) => {
        expect(await verifyEcdsa(verifyingKey, data, garbage)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('verifies against another key as false', async () => {
    const other = await generateEcKeyPair();
    const data = new Uint8Array([1, 2]);
    expect(await verifyEcdsa(other.publicKey, data, await signEcdsa(signingKey, data))).toBe(false);
  });
});

describe('signatureToDer / signatureFromDer', () => {
  const scalar = fc.oneof(
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    // leading zeros and high bits are the edge cases of DER integers
    fc.tuple(fc.nat(32), fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([zeros, b]) => {
      b.fill(0, 0, zeros);
      return b;
    }),
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => {
      b[0] = (b[0] as number) | 0x80;
      return b;
    }),
  );

  it('round-trips raw r‖s through DER', () => {
    fc.assert(
      fc.property(scalar, scalar, (r, s) => {
        const raw = new Uint8Array(64);
        raw.set(r);
        raw.set(s, 32);
        const der = signatureToDer(raw);
        expect(signatureFromDer(der)).toEqual(raw);
        expect(der.length).toBeLessThanOrEqual(72);
      }),
    );
  });

  it('encodes high-bit scalars with a leading zero and strips leading zeros', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80;
    raw[63] = 0x01;
    const der = signatureToDer(raw);
    expect(Array.from(der.subarray(0, 6))).toEqual([0x30, 0x26, 0x02, 0x21, 0x00, 0x80]);
    expect(Array.from(der.subarray(-3))).toEqual([0x02, 0x01, 0x01]);
  });

  it('rejects non-canonical DER', () => {
    const raw = new Uint8Array(64).fill(0x11);
    const der = Array.from(signatureToDer(raw)); // 30 44 02 20 11.. 02 20 11..
    const variants = [
      [0x31, ...der.slice(1)], // not a SEQUENCE
      [...der, 0x00], // trailing byte
      [0x30, 0x46, 0x02, 0x21, 0x00, ...der.slice(4, 36), ...der.slice(36)], // unneeded leading zero
      [0x30, 0x81, 0x44, ...der.slice(2)], // long-form length below 128
      [0x30, 0x44, 0x02, 0x20, 0x91, ...der.slice(5)], // negative r
      [0x30, 0x22, 0x02, 0x20, ...der.slice(4, 36)], // s missing
      [0x30, 0x24, 0x02, 0x20, ...der.slice(4, 36), 0x02, 0x00], // empty s
      [0x30, 0x46, 0x02, 0x22, 0x00, 0x00, ...der.slice(4, 36), ...der.slice(36)], // 33-byte r
    ];
    for (const variant of variants) expect(signatureFromDer(Uint8Array.from(variant))).toBeNull();
  });
});
