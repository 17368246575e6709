import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { parseOtpAuthUri } from './otpauth-uri.js';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SEED = new TextEncoder().encode('12345678901234567890');

function reasonOf(uri: string): unknown {
  try {
    parseOtpAuthUri(uri);
  } catch (error) {
    if (!isKsmError(error, 'ERR_INVALID_OTP_URI')) throw error;
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.details)).not.toContain(SECRET);
    return error.details.reason;
  }
  return 'parsed';
}

describe('parseOtpAuthUri', () => {
  it('reads issuer, account, secret and the defaults', () => {
    const parsed = parseOtpAuthUri(`otpauth://totp/ACME%20Co:alice%40example.com?secret=${SECRET}&issuer=ACME%20Co`);
    expect(parsed).toEqual({
      type: 'totp',
      label: 'ACME Co:alice@example.com',
      issuer: 'ACME Co',
      account: 'alice@example.com',
      secret: SEED,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('takes the issuer from the label when the parameter is absent, and none when there is no prefix', () => {
    expect(parseOtpAuthUri(`otpauth://totp/Example:%20bob?secret=${SECRET}`)).toMatchObject({
      issuer: 'Example',
      account: 'bob',
    });
    const bare = parseOtpAuthUri(`otpauth://totp/bob?secret=${SECRET}`);
    expect(bare.account).toBe('bob');
    expect(bare.issuer).toBeUndefined();
  });

  it('reads algorithm in any case and digits/period the way the SDK does', () => {
    const read = (query: string) => parseOtpAuthUri(`OTPAUTH://TOTP/x?secret=${SECRET.toLowerCase()}&${query}`);
    expect(read('algorithm=sha256').algorithm).toBe('SHA256');
    expect(read('algorithm=%20Sha512%20').algorithm).toBe('SHA512');
    expect(read('algorithm=').algorithm).toBe('SHA1');
    expect(read('digits=8').digits).toBe(8);
    expect(read('digits=%208%20').digits).toBe(8);
    expect(read('digits=0').digits).toBe(6);
    expect(read('digits=8abc').digits).toBe(6); // not a number as a whole → default
    expect(read('digits=1e1').digits).toBe(1); // a number as a whole, parseInt stops at "e"
    expect(read('digits=7.9').digits).toBe(7);
    expect(read('digits=0x8').digits).toBe(8);
    expect(read('digits=0b101').digits).toBe(6); // parseInt("0b101") is 0 → default
    expect(read('period=0').period).toBe(30);
    expect(read('period=60').period).toBe(60);
    expect(read('period=0x1e').period).toBe(30);
    expect(read('period=').period).toBe(30);
    expect(read('').type).toBe('totp');
  });

  it('rejects what the SDK cannot turn into a code, with a reason and without echoing the secret', () => {
    expect(reasonOf('not a url')).toBe('invalid-url');
    expect(reasonOf(`https://example.com/?secret=${SECRET}`)).toBe('not-otpauth');
    expect(reasonOf('otpauth://totp/x?secret=')).toBe('missing-secret');
    expect(reasonOf('otpauth://totp/x?secret=%20%20')).toBe('missing-secret');
    expect(reasonOf('otpauth://totp/x')).toBe('missing-secret');
    expect(reasonOf('otpauth://totp/x?secret=1NVAL1D')).toBe('invalid-secret');
    expect(reasonOf('otpauth://totp/x?secret=====')).toBe('invalid-secret');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&algorithm=SHA1024`)).toBe('unsupported-algorithm');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&algorithm=MD5`)).toBe('unsupported-algorithm');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&algorithm=SHA-1`)).toBe('unsupported-algorithm');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&digits=-6`)).toBe('invalid-digits');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&digits=11`)).toBe('invalid-digits');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&digits=.5`)).toBe('invalid-digits');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&period=-30`)).toBe('invalid-period');
    expect(reasonOf(`otpauth://totp/x?secret=${SECRET}&period=Infinity`)).toBe('invalid-period');
  });
});
