// Differential test against the official JS SDK's getTotpCode (Node only).
import { getTotpCode as sdkGetTotpCode } from '@keeper-security/secrets-manager-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getTotpCode } from './totp.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function encode(bytes: Uint8Array): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

const canonicalSecret = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 140 }), fc.boolean(), fc.boolean())
  .map(([bytes, lower, pad]) => {
    const text = encode(bytes);
    const padded = pad ? text.padEnd(Math.ceil(text.length / 8) * 8, '=') : text;
    return lower ? padded.toLowerCase() : padded;
  });
/** Any run of alphabet characters: non-canonical lengths and non-zero trailing bits included. */
const looseSecret = fc
  .array(fc.constantFrom(...`${ALPHABET}${ALPHABET.toLowerCase()}`), { minLength: 1, maxLength: 120 })
  .map((chars) => chars.join(''));
const oddSecret = fc.oneof(
  fc.constantFrom('', '1NVAL1D', 'AB CD', '====', 'A=B', '  ', ' GEZDGNBV ', 'ß', 'ſ', 'ı', 'GEZ\u00a0', 'mzxw6==='),
  fc.string({ maxLength: 12 }),
);
const secret = fc.oneof(canonicalSecret, looseSecret, oddSecret);

const algorithm = fc.option(
  fc.constantFrom('', 'SHA1', 'sha1', 'SHA256', 'Sha256', 'SHA512', ' SHA512 ', 'MD5', 'SHA1024', 'SHA-1', 'SHA384'),
  { nil: undefined },
);
const digits = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 10 }).map(String),
    fc.constantFrom('', 'abc', '0x8', '1e1', '7.9', '0b11', ' 8 ', '+8', '-0'),
  ),
  { nil: undefined },
);
const period = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 400 }).map(String),
    fc.constantFrom('', 'x', '0x1e', '1e3', '15.5', ' 45 ', '99999999999999'),
  ),
  { nil: undefined },
);
const host = fc.constantFrom('totp', 'TOTP', 'hotp');
const time = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 36 }),
  fc.double({ min: 1, max: 1e11, noNaN: true }),
  fc.constantFrom(59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000),
);

function buildUri(
  type: string,
  parts: { secret: string; algorithm?: string; digits?: string; period?: string },
): string {
  const query = Object.entries(parts)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`)
    .join('&');
  return `otpauth://${type}/ACME:alice@example.com?${query}&issuer=ACME`;
}

describe('getTotpCode matches the official SDK', () => {
  it('for generated secrets, algorithms, digits, periods and times (null cases included)', async () => {
    let nulls = 0;
    let codes = 0;
    await fc.assert(
      fc.asyncProperty(
        host,
        secret,
        algorithm,
        digits,
        period,
        time,
        async (type, secretText, algorithmText, digitsText, periodText, unixSeconds) => {
          const uri = buildUri(type, {
            secret: secretText,
            algorithm: algorithmText,
            digits: digitsText,
            period: periodText,
          });
          const expected = await sdkGetTotpCode(uri, unixSeconds);
          const actual = await getTotpCode(uri, unixSeconds);
          expect(actual).toEqual(expected);
          if (actual === null) nulls++;
          else codes++;
        },
      ),
      { numRuns: 1500 },
    );
    // The generators must exercise both outcomes, or the comparison proves little.
    expect(nulls).toBeGreaterThan(100);
    expect(codes).toBeGreaterThan(500);
  });

  it('for the spec §3.8.4 edge cases', async () => {
    const base = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    for (const query of ['algorithm=&digits=8', 'digits=0', 'period=0', 'algorithm=SHA1024', 'algorithm=MD5']) {
      const uri = `otpauth://totp/x?secret=${base}&${query}`;
      expect(await getTotpCode(uri, 20000000000)).toEqual(await sdkGetTotpCode(uri, 20000000000));
    }
    for (const bad of ['', '1NVAL1D']) {
      const uri = `otpauth://totp/x?secret=${bad}`;
      expect(await getTotpCode(uri, 20000000000)).toBeNull();
      expect(await sdkGetTotpCode(uri, 20000000000)).toBeNull();
    }
  });

  it('deliberately returns null where the SDK yields a "NaN" code, an over-long code or throws', async () => {
    const base = 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect((await sdkGetTotpCode(`${base}&digits=-3`, 59))?.code).toBe('NaN');
    expect(await getTotpCode(`${base}&digits=-3`, 59)).toBeNull();
    expect((await sdkGetTotpCode(`${base}&digits=12`, 59))?.code).toHaveLength(12);
    expect(await getTotpCode(`${base}&digits=12`, 59)).toBeNull();
    await expect(sdkGetTotpCode(`${base}&period=.5`, 59)).rejects.toThrow();
    expect(await getTotpCode(`${base}&period=.5`, 59)).toBeNull();
    expect((await sdkGetTotpCode(`${base}&period=-30`, 59))?.timeLeft).toBeLessThan(0);
    expect(await getTotpCode(`${base}&period=-30`, 59)).toBeNull();
  });
});
