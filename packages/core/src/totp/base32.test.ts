import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { base32Decode } from './base32.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Reference encoder written over a bit string, independent of the decoder's arithmetic. */
function encode(bytes: Uint8Array, pad: boolean): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return pad ? out.padEnd(Math.ceil(out.length / 8) * 8, '=') : out;
}

const text = (value: string) => new TextEncoder().encode(value);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isKsmError(error) ? error.code : 'not-a-KsmError';
  }
  return undefined;
}

describe('base32Decode', () => {
  it('decodes the RFC 4648 test vectors, padded or not, in either case', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Decode(encoded)).toEqual(text(plain));
      expect(base32Decode(encoded.replace(/=+$/, ''))).toEqual(text(plain));
      expect(base32Decode(encoded.toLowerCase())).toEqual(text(plain));
    }
  });

  it('keeps the bits of an incomplete last quantum as one more byte only when asked (the SDK TOTP key)', () => {
    expect(base32Decode('MZ')).toEqual(new Uint8Array([0x66]));
    expect(base32Decode('MZ', { keepPartialByte: true })).toEqual(new Uint8Array([0x66, 0x40]));
    expect(base32Decode('MY', { keepPartialByte: true })).toEqual(new Uint8Array([0x66, 0x00]));
    expect(base32Decode('MZXW6YTB', { keepPartialByte: true })).toEqual(text('fooba'));
    expect(base32Decode('7', { keepPartialByte: true })).toEqual(new Uint8Array([0xf8]));
    expect(base32Decode('7')).toEqual(new Uint8Array([]));
  });

  it('rejects characters outside the alphabet with ERR_INVALID_INPUT and their position', () => {
    for (const [bad, position] of [
      ['1NVAL1D', 0],
      ['AB0', 2],
      ['A8', 1],
      ['A=B', 1],
      [' AB', 0],
      ['AB CD', 2],
      ['ABC-', 3],
    ] as const) {
      let caught: unknown;
      try {
        base32Decode(bad);
      } catch (error) {
        caught = error;
      }
      expect(isKsmError(caught, 'ERR_INVALID_INPUT')).toBe(true);
      expect((caught as { details: { position: number } }).details.position).toBe(position);
    }
    expect(codeOf(() => base32Decode('===='))).toBeUndefined();
  });

  it('round-trips random bytes through a reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), fc.boolean(), (bytes, pad, lower) => {
        let encoded = encode(bytes, pad);
        if (lower) encoded = encoded.toLowerCase();
        expect(base32Decode(encoded)).toEqual(bytes);
        const unpadded = encoded.replace(/=+$/, '').length;
        const kept = base32Decode(encoded, { keepPartialByte: true });
        const partial = (unpadded * 5) % 8 !== 0;
        expect(kept).toEqual(partial ? new Uint8Array([...bytes, 0]) : bytes);
      }),
    );
  });
});
