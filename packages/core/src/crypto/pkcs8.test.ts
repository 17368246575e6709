import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { ksmErrorOf } from '../test-support/ksm-error-of.js';
import { encodePkcs8, parsePkcs8 } from './pkcs8.js';

const scalar = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new Uint8Array(b));
const point = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Uint8Array.from([4, ...b]));

describe('encodePkcs8 / parsePkcs8', () => {
  it('round-trips the 138-byte form with the scalar at [36,68) and the point last', () => {
    fc.assert(
      fc.property(scalar, point, (s, p) => {
        const der = encodePkcs8({ scalar: s, publicKey: p });
        expect(der.length).toBe(138);
        expect(der.subarray(36, 68)).toEqual(s);
        expect(der.subarray(-65)).toEqual(p);
        expect(parsePkcs8(der)).toEqual({ scalar: s, publicKey: p });
      }),
    );
  });

  it('round-trips the 67-byte form without a public key', () => {
    fc.assert(
      fc.property(scalar, (s) => {
        const der = encodePkcs8({ scalar: s, publicKey: null });
        expect(der.length).toBe(67);
        expect(parsePkcs8(der)).toEqual({ scalar: s, publicKey: null });
      }),
    );
  });

  it('left-pads a short private key OCTET STRING', () => {
    const der = encodePkcs8({ scalar: new Uint8Array(32).fill(5), publicKey: null });
    // rewrite as a 31-byte OCTET STRING: lengths shrink by one at three levels
    const short = Uint8Array.from([
      0x30,
      0x40,
      ...der.subarray(2, 27),
      0x26,
      0x30,
      0x24,
      0x02,
      0x01,
      0x01,
      0x04,
      0x1f,
      ...new Uint8Array(31).fill(5),
    ]);
    const expected = new Uint8Array(32).fill(5);
    expected[0] = 0;
    expect(parsePkcs8(short).scalar).toEqual(expected);
  });

  it('rejects every truncation of the 138-byte form with ERR_INVALID_PKCS8', () => {
    const der = encodePkcs8({
      scalar: new Uint8Array(32).fill(1),
      publicKey: Uint8Array.from([4, ...new Uint8Array(64)]),
    });
    for (let cut = 0; cut < der.length; cut++) {
      if (cut === 67) continue; // the length of the valid short form; its bytes differ, so it is still checked below
      expect(
        ksmErrorOf(() => parsePkcs8(der.slice(0, cut)), 'ERR_INVALID_PKCS8'),
        `cut at ${cut}`,
      ).toBeDefined();
    }
    expect(ksmErrorOf(() => parsePkcs8(der.slice(0, 67)), 'ERR_INVALID_PKCS8')).toBeDefined();
  });

  it('rejects a changed structural byte (tag, length, version, algorithm) with ERR_INVALID_PKCS8', () => {
    const der = encodePkcs8({ scalar: new Uint8Array(32).fill(1), publicKey: null });
    // outer SEQUENCE tag and length, version INTEGER, the algorithm SEQUENCE tag, the ECPrivateKey version
    for (const at of [0, 1, 2, 4, 7, 27, 33]) {
      const corrupted = der.slice();
      corrupted[at] = (corrupted[at] ?? 0) ^ 0x40;
      expect(
        ksmErrorOf(() => parsePkcs8(corrupted), 'ERR_INVALID_PKCS8'),
        `byte ${at}`,
      ).toBeDefined();
    }
  });

  it('either rejects any corrupted input with ERR_INVALID_PKCS8 or returns a 32-byte scalar', () => {
    const der = encodePkcs8({
      scalar: new Uint8Array(32).fill(1),
      publicKey: Uint8Array.from([4, ...new Uint8Array(64)]),
    });
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(137), fc.nat(255), fc.nat(138), (at, value, cut) => {
        const corrupted = der.slice(0, cut === 0 ? 138 : cut);
        if (at < corrupted.length) corrupted[at] = value;
        let parsed: ReturnType<typeof parsePkcs8> | undefined;
        try {
          parsed = parsePkcs8(corrupted);
        } catch (error) {
          expect(isKsmError(error, 'ERR_INVALID_PKCS8')).toBe(true);
          rejected += 1;
        }
        if (parsed !== undefined) expect(parsed.scalar.length).toBe(32);
      }),
    );
    expect(rejected).toBeGreaterThan(0);
  });
});
