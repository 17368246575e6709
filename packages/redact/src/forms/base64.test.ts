// Tests of the base64 forms: the stable characters are exactly those no neighbouring byte can change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64, stableBase64 } from './base64.js';

const btoaBytes = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

describe('base64 forms', () => {
  it('encodes like btoa, with and without padding, in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const standard = btoaBytes(bytes);
        expect(encodeBase64(bytes, { url: false, pad: true })).toBe(standard);
        expect(encodeBase64(bytes, { url: false, pad: false })).toBe(standard.replace(/=+$/, ''));
        expect(encodeBase64(bytes, { url: true, pad: false })).toBe(
          standard.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'),
        );
      }),
    );
  });

  it('keeps exactly the characters that every choice of neighbouring bytes leaves unchanged', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 20 }),
        fc.constantFrom(0 as const, 1 as const, 2 as const),
        fc.array(
          fc.tuple(fc.uint8Array({ minLength: 3, maxLength: 3 }), fc.uint8Array({ minLength: 3, maxLength: 3 })),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (secret, shift, neighbours) => {
          const stable = stableBase64(secret, shift, false);
          // The characters agreeing between all-zero and all-one neighbours, position by position.
          const around = (fill: number) => {
            const all = new Uint8Array(shift + secret.length + 3).fill(fill);
            all.set(secret, shift);
            return btoaBytes(all);
          };
          const [zeros, ones] = [around(0), around(255)];
          expect(stable).toBe([...zeros].filter((char, j) => char === ones[j] && char !== '=').join(''));
          // …and it appears in the encoding of the secret between any neighbours at that alignment.
          for (const [before, after] of neighbours) {
            const whole = new Uint8Array([...before.slice(0, shift), ...secret, ...after]);
            expect(btoaBytes(whole)).toContain(stable);
          }
        },
      ),
    );
  });
});
