import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { bytesToHex } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { DEFAULT_REGION, parseOneTimeToken } from './one-time-token.js';

/** The token of Keeper's recorded exchange (spec §3.8.1) and its bytes. */
const TOKEN = 'YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c';
const CLIENT_KEY_HEX = '6322212b9c171478f7eb018100e981b31237bf9ac8aee20dac2f0a5e3c8ce7c7';
/** Keeper's id-10 server key (spec §2.4), a real P-256 point. */
const SERVER_KEY = 'BNYIh_Sv03nRZUUJveE8d2mxKLIDXv654UbshaItHrCJhd6cT7pdZ_XwbdyxAOCWMkBb9AZ4t1XRCsM8-wkEBRg';

function invalidReason(text: string, options?: { hostname?: string }): unknown {
  return expectKsmError(() => parseOneTimeToken(text, options), 'ERR_INVALID_TOKEN').details.reason;
}

describe('parseOneTimeToken', () => {
  it('decodes the token bytes of a region-prefixed token', () => {
    const parsed = parseOneTimeToken(`US:${TOKEN}`);
    expect(bytesToHex(parsed.clientKey)).toBe(CLIENT_KEY_HEX);
    expect(parsed).toEqual({ clientKey: parsed.clientKey, hostname: 'keepersecurity.com' });
  });

  it('maps every region prefix, in any case', () => {
    const regions: Record<string, string> = {
      US: 'keepersecurity.com',
      eu: 'keepersecurity.eu',
      Au: 'keepersecurity.com.au',
      GOV: 'govcloud.keepersecurity.us',
      jp: 'keepersecurity.jp',
      CA: 'keepersecurity.ca',
      il5: 'il5.keepersecurity.us',
    };
    for (const [prefix, host] of Object.entries(regions)) {
      expect(parseOneTimeToken(`${prefix}:${TOKEN}`).hostname).toBe(host);
    }
  });

  it('uses an unknown prefix as the hostname (JS behaviour)', () => {
    expect(parseOneTimeToken(`fake.keepersecurity.com:${TOKEN}`).hostname).toBe('fake.keepersecurity.com');
  });

  it('needs an explicit hostname for a bare token', () => {
    expect(invalidReason(TOKEN)).toBe('hostname-required');
    expect(invalidReason(TOKEN, { hostname: '  ' })).toBe('hostname-required');
    expect(parseOneTimeToken(TOKEN, { hostname: '127.0.0.1:8443' }).hostname).toBe('127.0.0.1:8443');
    expect(parseOneTimeToken(TOKEN, { hostname: 'eu' }).hostname).toBe('keepersecurity.eu');
  });

  it('binds a bare token to defaultHostname (DEFAULT_REGION), after hostname and the token prefix', () => {
    const options = { defaultHostname: DEFAULT_REGION };
    expect(parseOneTimeToken(TOKEN, options).hostname).toBe('keepersecurity.com');
    expect(parseOneTimeToken(`EU:${TOKEN}`, options).hostname).toBe('keepersecurity.eu');
    expect(parseOneTimeToken(TOKEN, { ...options, hostname: 'US_GOV' }).hostname).toBe('govcloud.keepersecurity.us');
  });

  it('accepts https:// and loopback http:// hostnames and rejects plain http elsewhere', () => {
    expect(parseOneTimeToken(TOKEN, { hostname: 'https://vault.example.com:8443/' }).hostname).toBe(
      'vault.example.com:8443',
    );
    expect(parseOneTimeToken(TOKEN, { hostname: 'http://127.0.0.1:8787' }).hostname).toBe('http://127.0.0.1:8787');
    const error = expectKsmError(
      () => parseOneTimeToken(TOKEN, { hostname: 'http://vault.example.com:8787' }),
      'ERR_INVALID_HOSTNAME',
    );
    expect(error.details.reason).toBe('insecure-http');
  });

  it('lets an explicit hostname win over the token prefix', () => {
    expect(parseOneTimeToken(`US:${TOKEN}`, { hostname: 'vault:8443' }).hostname).toBe('vault:8443');
  });

  it('reads host:port:TOKEN and URL-prefixed tokens for self-hosted servers', () => {
    expect(parseOneTimeToken(`vault.example.com:8443:${TOKEN}`).hostname).toBe('vault.example.com:8443');
    expect(parseOneTimeToken(`127.0.0.1:8443:${TOKEN}`).hostname).toBe('127.0.0.1:8443');
    expect(parseOneTimeToken(`[::1]:8443:${TOKEN}`).hostname).toBe('[::1]:8443');
    expect(parseOneTimeToken(`https://vault.example.com:8443:${TOKEN}`).hostname).toBe('vault.example.com:8443');
    expect(parseOneTimeToken(`https://vault.example.com:${TOKEN}`).hostname).toBe('vault.example.com');
    expect(parseOneTimeToken(`http://localhost:8787:${TOKEN}`).hostname).toBe('http://localhost:8787');
    const error = expectKsmError(
      () => parseOneTimeToken(`http://vault.example.com:80:${TOKEN}`),
      'ERR_INVALID_HOSTNAME',
    );
    expect(error.details.reason).toBe('insecure-http');
  });

  it('reads 4-part IL5 tokens with their server key', () => {
    const parsed = parseOneTimeToken(`IL5:${TOKEN}:20:${SERVER_KEY}`);
    expect(parsed.hostname).toBe('il5.keepersecurity.us');
    expect(bytesToHex(parsed.clientKey)).toBe(CLIENT_KEY_HEX);
    expect(parsed.serverPublicKeyId).toBe(20);
    expect(base64UrlEncode(parsed.serverPublicKey ?? new Uint8Array())).toBe(SERVER_KEY);
    expect(parseOneTimeToken(`IL5:${TOKEN}`).serverPublicKey).toBeUndefined();
  });

  it('reads the extended 4-part form for other prefixes too (as Java does)', () => {
    const parsed = parseOneTimeToken(`EU:${TOKEN}:11:${SERVER_KEY}`);
    expect(parsed.hostname).toBe('keepersecurity.eu');
    expect(parsed.serverPublicKeyId).toBe(11);
  });

  it('rejects malformed IL5 tokens', () => {
    expect(invalidReason(`IL5:${TOKEN}:20`)).toBe('il5-parts');
    expect(invalidReason(`IL5:${TOKEN}:20:${SERVER_KEY}:x`)).toBe('il5-parts');
    expect(invalidReason(`IL5:${TOKEN}:twenty:${SERVER_KEY}`)).toBe('server-public-key-id');
    expect(invalidReason(`IL5:${TOKEN}:-1:${SERVER_KEY}`)).toBe('server-public-key-id');
    expect(invalidReason(`IL5:${TOKEN}:20:${SERVER_KEY.slice(0, 60)}`)).toBe('server-public-key');
    expect(invalidReason(`IL5:${TOKEN}:20:A${SERVER_KEY.slice(1)}`)).toBe('server-public-key');
    expect(invalidReason(`IL5:${TOKEN}:20:${SERVER_KEY.slice(0, -1)}!`)).toBe('server-public-key');
  });

  it('trims whitespace and accepts the std alphabet with padding', () => {
    const parsed = parseOneTimeToken(`\n  us:${TOKEN}\t\r\n`);
    expect(bytesToHex(parsed.clientKey)).toBe(CLIENT_KEY_HEX);
    const std = `${base64Encode(parsed.clientKey)}`;
    expect(std.endsWith('=')).toBe(true);
    expect(bytesToHex(parseOneTimeToken(`US:${std}`).clientKey)).toBe(CLIENT_KEY_HEX);
  });

  it('requires exactly 32 token bytes of base64', () => {
    expect(invalidReason('')).toBe('empty');
    expect(invalidReason(' \n ')).toBe('empty');
    expect(invalidReason(`US:${TOKEN.slice(0, -3)}`)).toBe('length');
    expect(invalidReason(`US:${TOKEN}AAAA`)).toBe('length');
    expect(invalidReason(`US:${TOKEN.slice(0, -1)}*`)).toBe('not-base64');
    expect(invalidReason(`US:${TOKEN}:junk`)).toBe('length');
    expect(invalidReason(`US:`)).toBe('length');
    expect(invalidReason(`:${TOKEN}`)).toBe('host');
    expect(invalidReason(`bad host:${TOKEN}`)).toBe('host');
  });

  it('never puts the token into an error', () => {
    const token = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => base64UrlEncode(b));
    const broken = (t: string) =>
      fc.constantFrom(
        t.slice(0, 40),
        `${t}xyz`,
        `US:${t.slice(1)}`,
        t,
        `IL5:${t}:abc:${SERVER_KEY}`,
        `IL5:${t}:1`,
        `bad host:${t}`,
        `host:port:${t}`,
        `http://example.com:${t}`,
      );
    fc.assert(
      fc.property(
        token.chain((t) => fc.tuple(fc.constant(t), broken(t))),
        ([secret, text]) => {
          try {
            parseOneTimeToken(text);
          } catch (error) {
            expect(isKsmError(error)).toBe(true);
            const shown = `${String(error)} ${JSON.stringify((error as { details: unknown }).details)}`;
            expect(shown).not.toContain(secret.slice(4, 36));
            return;
          }
          throw new Error('expected a failure');
        },
      ),
    );
  });

  it('round-trips generated tokens through every textual form', () => {
    const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new Uint8Array(b));
    const host = fc.constantFrom('vault.example.com', '10.1.2.3', 'ksm', 'fake.keepersecurity.com');
    fc.assert(
      fc.property(key, host, fc.integer({ min: 1, max: 65535 }), (bytes, h, port) => {
        const text = base64UrlEncode(bytes);
        expect(parseOneTimeToken(`${h}:${text}`)).toEqual({ clientKey: bytes, hostname: h });
        expect(parseOneTimeToken(`${h}:${port}:${text}`)).toEqual({ clientKey: bytes, hostname: `${h}:${port}` });
        expect(parseOneTimeToken(text, { hostname: `https://${h}:${port}` })).toEqual({
          clientKey: bytes,
          hostname: `${h}:${port}`,
        });
      }),
    );
  });
});
