import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { DEFAULT_SPECIAL_CHARACTERS, generatePassword, type PasswordOptions } from './generate-password.js';
import {
  chiSquareUniform,
  type PasswordCase,
  passwordCase,
  passwordViolations,
} from './password-rules.test-support.js';

const ALL = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789${DEFAULT_SPECIAL_CHARACTERS}`;

function errorOf(options: PasswordOptions): unknown {
  try {
    generatePassword(options);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('generatePassword', () => {
  it('defaults to 32 characters drawn from all four classes, the default special set included', () => {
    expect(DEFAULT_SPECIAL_CHARACTERS).toBe('"!@#$%()+;<>=?[]{}^.,');
    const password = generatePassword();
    expect(password).toHaveLength(32);
    for (const ch of password) expect(ALL).toContain(ch);
  });

  it('follows the worked cases of the official JSDoc', () => {
    const cases: [PasswordCase, (p: string) => void][] = [
      // All exact but short of the length: the negative count becomes a minimum, filler from that class only.
      [{ length: 10, lowercase: -2, uppercase: 0, digits: 0, special: 0 }, (p) => expect(p).toMatch(/^[a-z]{10}$/)],
      // All exact and long enough: exactly those counts.
      [
        { length: 10, lowercase: -5, uppercase: -5, digits: 0, special: 0 },
        (p) => expect([p.replace(/[^a-z]/g, '').length, p.replace(/[^A-Z]/g, '').length]).toEqual([5, 5]),
      ],
      [{ length: 4, lowercase: -3, uppercase: -3, digits: 0, special: 0 }, (p) => expect(p).toMatch(/^[a-zA-Z]{6}$/)],
      // Every class exactly zero: filler from all classes.
      [{ length: 40, lowercase: 0, uppercase: 0, digits: 0, special: 0 }, (p) => expect(p).toHaveLength(40)],
      // Not all exact: the exact class keeps its count, the rest comes from the other classes.
      [
        { length: 12, lowercase: -2, uppercase: 3, special: 0 },
        (p) => {
          expect(p.replace(/[^a-z]/g, '')).toHaveLength(2);
          expect(p.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(3);
          expect(p).toMatch(/^[a-zA-Z0-9]{12}$/);
        },
      ],
      [{ length: 0 }, (p) => expect(p).toBe('')],
      [{ length: 4, special: 6, specialCharacterSet: '!' }, (p) => expect(p).toBe('!!!!!!')],
      [{ length: 20, special: 0, specialCharacterSet: '' }, (p) => expect(p).toMatch(/^[a-zA-Z0-9]{20}$/)],
    ];
    for (const [options, check] of cases) {
      for (let i = 0; i < 20; i++) {
        const password = generatePassword(options);
        check(password);
        expect(passwordViolations(password, options)).toEqual([]);
      }
    }
  });

  it('keeps every documented constraint for generated option sets', () => {
    fc.assert(
      fc.property(passwordCase, (options) => {
        const password = generatePassword(options);
        expect(passwordViolations(password, options)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('treats the special set as characters (code points), not UTF-16 units', () => {
    const password = generatePassword({
      length: 12,
      lowercase: 0,
      uppercase: 0,
      digits: 0,
      specialCharacterSet: '😀€',
    });
    expect([...password]).toHaveLength(12);
    for (const ch of password) expect(['😀', '€']).toContain(ch);
  });

  it('rejects impossible options with ERR_INVALID_PASSWORD_OPTIONS naming the option', () => {
    const cases: [PasswordOptions, string][] = [
      [{ length: -1 }, 'length'],
      [{ length: 1.5 }, 'length'],
      [{ length: Number.NaN }, 'length'],
      [{ length: Number.POSITIVE_INFINITY }, 'length'],
      [{ digits: 2.5 }, 'digits'],
      [{ lowercase: Number.NaN }, 'lowercase'],
      [{ special: 1, specialCharacterSet: '' }, 'specialCharacterSet'],
      [{ special: -1, specialCharacterSet: '' }, 'specialCharacterSet'],
      [{ specialCharacterSet: 5 as unknown as string }, 'specialCharacterSet'],
    ];
    for (const [options, option] of cases) {
      const error = errorOf(options);
      expect(isKsmError(error, 'ERR_INVALID_PASSWORD_OPTIONS')).toBe(true);
      expect((error as { details: { option: string } }).details.option).toBe(option);
    }
  });

  it('draws from the injected random source', () => {
    let calls = 0;
    const counter = (target: Uint32Array<ArrayBuffer>) => {
      calls++;
      for (let i = 0; i < target.length; i++) target[i] = (i * 2654435761) >>> 0;
    };
    const a = generatePassword({ length: 50, randomFill: counter });
    const b = generatePassword({ length: 50, randomFill: counter });
    expect(a).toBe(b);
    expect(calls).toBeGreaterThan(0);
    expect(generatePassword({ length: 50 })).not.toBe(a);
  });
});

describe('generatePassword randomness', () => {
  // Thresholds are the chi-square quantiles at 1 - 1e-9 (scipy.stats.chi2.ppf), so a correct generator fails
  // one of these tests with probability about 1e-9 per run; the biased variants below exceed them by far.
  const CHI2_DF82_P1E9 = 183.41;
  const CHI2_DF7_P1E9 = 55.87;

  it('draws each of the 83 default characters equally often (chi-square, 64 000 draws)', () => {
    const counts = new Map([...ALL].map((ch) => [ch, 0]));
    for (let i = 0; i < 1000; i++) {
      for (const ch of generatePassword({ length: 64 })) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(83);
    expect(chiSquareUniform([...counts.values()])).toBeLessThan(CHI2_DF82_P1E9);
  });

  it('puts a lone uppercase letter at each of 8 positions equally often (chi-square over the shuffle)', () => {
    const positions = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) {
      const password = generatePassword({ length: 8, lowercase: -7, uppercase: 1, digits: 0, special: 0 });
      const at = password.search(/[A-Z]/);
      positions[at] = (positions[at] ?? 0) + 1;
    }
    expect(positions.reduce((a, b) => a + b, 0)).toBe(8000);
    expect(chiSquareUniform(positions)).toBeLessThan(CHI2_DF7_P1E9);
  });

  it('has the power to reject a modulo-biased character draw and a broken shuffle', () => {
    const bytes = new Uint8Array(64_000);
    crypto.getRandomValues(bytes);
    const biased = new Array<number>(83).fill(0);
    for (const byte of bytes) biased[byte % 83] = (biased[byte % 83] ?? 0) + 1;
    expect(chiSquareUniform(biased)).toBeGreaterThan(CHI2_DF82_P1E9);

    // Sattolo's variant (j < i) never leaves an item in place: the last position stays empty.
    const positions = new Array<number>(8).fill(0);
    const word = new Uint32Array(1);
    for (let n = 0; n < 8000; n++) {
      const items = [0, 0, 0, 0, 0, 0, 0, 1];
      for (let i = items.length - 1; i > 0; i--) {
        crypto.getRandomValues(word);
        const j = (word[0] as number) % i;
        [items[i], items[j]] = [items[j] as number, items[i] as number];
      }
      const at = items.indexOf(1);
      positions[at] = (positions[at] ?? 0) + 1;
    }
    expect(chiSquareUniform(positions)).toBeGreaterThan(CHI2_DF7_P1E9);
  });
});
