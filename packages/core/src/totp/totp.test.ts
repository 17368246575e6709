import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { computeTotp, getTotpCode } from './totp.js';

// Spec §3.8.4: the RFC 6238 seeds in base32, 8 digits, period 30.
const SECRETS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=',
} as const;

const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

const uri = (secret: string, query: string) => `otpauth://totp/ACME:alice?secret=${encodeURIComponent(secret)}${query}`;

describe('getTotpCode', () => {
  it('reproduces every RFC 6238 vector of spec §3.8.4 with its timeLeft', async () => {
    for (const [time, ...codes] of VECTORS) {
      const algorithms = ['SHA1', 'SHA256', 'SHA512'] as const;
      for (const [i, algorithm] of algorithms.entries()) {
        const result = await getTotpCode(uri(SECRETS[algorithm], `&algorithm=${algorithm}&digits=8&period=30`), time);
        expect(result).toEqual({ code: codes[i], timeLeft: 30 - (time % 30), period: 30 });
      }
    }
    expect((await getTotpCode(uri(SECRETS.SHA1, '&digits=8'), 59))?.timeLeft).toBe(1);
  });

  it('handles the edge cases of spec §3.8.4', async () => {
    const at = 20000000000;
    expect((await getTotpCode(uri(SECRETS.SHA1, '&algorithm=&digits=8&period=30'), at))?.code).toBe('65353130');
    expect((await getTotpCode(uri(SECRETS.SHA1, '&algorithm=SHA1&digits=0&period=30'), at))?.code).toBe('353130');
    expect(await getTotpCode(uri(SECRETS.SHA1, '&algorithm=SHA1&digits=8&period=0'), at)).toEqual({
      code: '65353130',
      timeLeft: 30 - (at % 30),
      period: 30,
    });
    expect(await getTotpCode(uri('', '&algorithm=SHA1&digits=8&period=30'), at)).toBeNull();
    expect(await getTotpCode(uri('1NVAL1D', '&algorithm=SHA1&digits=8&period=30'), at)).toBeNull();
    expect(await getTotpCode(uri(SECRETS.SHA1, '&algorithm=SHA1024&digits=8&period=30'), at)).toBeNull();
    expect(await getTotpCode(uri(SECRETS.SHA1, '&algorithm=MD5&digits=8&period=30'), at)).toBeNull();
  });

  it('defaults to SHA1, 6 digits and 30 seconds, and honours other periods', async () => {
    expect(await getTotpCode(uri(SECRETS.SHA1, ''), 59)).toEqual({ code: '287082', timeLeft: 1, period: 30 });
    expect(await getTotpCode(uri(SECRETS.SHA1.toLowerCase(), '&algorithm=sha1&digits=8'), 1111111109)).toMatchObject({
      code: '07081804',
    });
    // period 60 at t=119 uses counter 1, the same counter as period 30 at t=59.
    expect(await getTotpCode(uri(SECRETS.SHA1, '&digits=8&period=60'), 119)).toEqual({
      code: '94287082',
      timeLeft: 1,
      period: 60,
    });
  });

  it('returns null for URIs that are not otpauth or have unusable parameters', async () => {
    for (const bad of [
      'garbage',
      `https://example.com/?secret=${SECRETS.SHA1}`,
      uri(SECRETS.SHA1, '&digits=-1'),
      uri(SECRETS.SHA1, '&digits=11'),
      uri(SECRETS.SHA1, '&period=-30'),
      uri(SECRETS.SHA1, '&period=.5'),
    ]) {
      expect(await getTotpCode(bad, 59)).toBeNull();
    }
  });

  it('uses the current time by default', async () => {
    const target = uri(SECRETS.SHA1, '&digits=8');
    const before = Math.floor(Date.now() / 1000);
    const result = await getTotpCode(target);
    const after = Math.floor(Date.now() / 1000);
    const candidates = [await getTotpCode(target, before), await getTotpCode(target, after)];
    expect(candidates.map((c) => c?.code)).toContain(result?.code);
  });
});

describe('computeTotp', () => {
  it('matches the RFC 4226 appendix D HOTP values when each second is one step', async () => {
    const secret = new TextEncoder().encode('12345678901234567890');
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    for (const [counter, code] of expected.entries()) {
      const result = await computeTotp({ secret, algorithm: 'SHA1', digits: 6, period: 1 }, counter);
      expect(result.code).toBe(code);
    }
  });

  it('rejects a non-finite time, an empty secret and impossible digits or periods with ERR_INVALID_INPUT', async () => {
    const secret = new Uint8Array([1, 2, 3]);
    const cases = [
      computeTotp({ secret, algorithm: 'SHA1', digits: 6, period: 30 }, Number.NaN),
      computeTotp({ secret: new Uint8Array(0), algorithm: 'SHA1', digits: 6, period: 30 }, 1),
      computeTotp({ secret, algorithm: 'SHA1', digits: 0, period: 30 }, 1),
      computeTotp({ secret, algorithm: 'SHA1', digits: 6, period: 0.5 }, 1),
      computeTotp({ secret, algorithm: 'MD5' as 'SHA1', digits: 6, period: 30 }, 1),
    ];
    for (const pending of cases) {
      const error = await pending.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isKsmError(error, 'ERR_INVALID_INPUT')).toBe(true);
    }
  });
});
