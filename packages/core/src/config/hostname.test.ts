import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { apiBaseUrl, isLoopbackHost, normalizeHostname, normalizeRegionOrHost, REGION_HOSTS } from './hostname.js';

describe('normalizeHostname', () => {
  it('resolves every region code case-insensitively', () => {
    const expected: Record<string, string> = {
      us: 'keepersecurity.com',
      Eu: 'keepersecurity.eu',
      AU: 'keepersecurity.com.au',
      gov: 'govcloud.keepersecurity.us',
      JP: 'keepersecurity.jp',
      ca: 'keepersecurity.ca',
      il5: 'il5.keepersecurity.us',
    };
    for (const [code, host] of Object.entries(expected)) expect(normalizeHostname(code)).toBe(host);
    expect(Object.keys(REGION_HOSTS).sort()).toEqual(['AU', 'CA', 'EU', 'GOV', 'IL5', 'JP', 'US']);
  });

  it("maps US_GOV (the spelling in Keeper's CLI docs) and rejects an unknown region with the valid ones", () => {
    expect(normalizeHostname('US_GOV')).toBe('govcloud.keepersecurity.us');
    expect(normalizeHostname('us_gov')).toBe('govcloud.keepersecurity.us');
    expect(normalizeRegionOrHost('US_GOV')).toBe('govcloud.keepersecurity.us');
    expect(() => normalizeRegionOrHost('xx')).toThrow(
      /Unknown region "xx"; expected one of US, EU, AU, JP, CA, US_GOV/,
    );
    expect(normalizeRegionOrHost('localhost')).toBe('localhost');
    expect(normalizeRegionOrHost('127.0.0.1:8443')).toBe('127.0.0.1:8443');
  });

  it('keeps host[:port] and IP literals as given', () => {
    for (const host of [
      'keepersecurity.com',
      'fake.keepersecurity.com',
      'vault:8443',
      '10.0.0.5:443',
      '[::1]:8443',
      'ksm_host',
    ]) {
      expect(normalizeHostname(host)).toBe(host);
    }
    expect(normalizeHostname('  vault.example.com \n')).toBe('vault.example.com');
  });

  it('drops https:// and a trailing slash, giving the official config shape', () => {
    expect(normalizeHostname('https://vault.example.com:8443/')).toBe('vault.example.com:8443');
    expect(normalizeHostname('HTTPS://vault.example.com')).toBe('vault.example.com');
  });

  it('keeps http:// for loopback hosts only', () => {
    expect(normalizeHostname('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normalizeHostname('HTTP://localhost:8787/')).toBe('http://localhost:8787');
    expect(normalizeHostname('http://[::1]:9000')).toBe('http://[::1]:9000');
    for (const host of [
      'http://10.0.0.1:80',
      'http://vault.example.com',
      'http://127.0.0.1.nip.io:80',
      'http://128.0.0.1',
    ]) {
      expect(expectKsmError(() => normalizeHostname(host), 'ERR_INVALID_HOSTNAME').details.reason).toBe(
        'insecure-http',
      );
    }
  });

  it('rejects paths, credentials, bad ports, other schemes and junk without echoing the input', () => {
    const cases: [string, string][] = [
      ['https://vault.example.com/api', 'path'],
      ['vault.example.com/x', 'path'],
      ['vault.example.com?q=SECRETVALUE', 'path'],
      ['https://user:SECRETVALUE@vault.example.com', 'credentials'],
      ['vault:0', 'port'],
      ['vault:65536', 'port'],
      ['vault:SECRETVALUE', 'port'],
      ['ftp://vault', 'scheme'],
      ['', 'host'],
      ['has space.com', 'host'],
      ['-bad.com', 'host'],
      ['[not-ipv6]:1', 'host'],
      ['a..b', 'host'],
    ];
    for (const [input, reason] of cases) {
      const error = expectKsmError(() => normalizeHostname(input), 'ERR_INVALID_HOSTNAME');
      expect(error.details.reason, input).toBe(reason);
      expect(error.message).not.toContain('SECRETVALUE');
    }
  });

  it('is idempotent on generated hostnames', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
    fc.assert(
      fc.property(host, port, fc.boolean(), (h, p, https) => {
        const authority = p === undefined ? h : `${h}:${p}`;
        const once = normalizeHostname(https ? `https://${authority}` : authority);
        const expected = REGION_HOSTS[authority.toUpperCase()] ?? authority;
        expect(once).toBe(expected);
        expect(normalizeHostname(once)).toBe(once);
      }),
    );
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, *.localhost, 127/8 and [::1]', () => {
    for (const host of ['localhost', 'LOCALHOST', 'vault.localhost', '127.0.0.1', '127.255.10.2', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['localhost.com', '127.0.0.256', '127.0.0', '10.0.0.1', '[::2]', 'example.com']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('apiBaseUrl', () => {
  it('builds https URLs, and http only for kept loopback origins', () => {
    expect(apiBaseUrl('keepersecurity.com')).toBe('https://keepersecurity.com/api/rest/sm/v1/');
    expect(apiBaseUrl('vault:8443')).toBe('https://vault:8443/api/rest/sm/v1/');
    expect(apiBaseUrl('EU')).toBe('https://keepersecurity.eu/api/rest/sm/v1/');
    expect(apiBaseUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/api/rest/sm/v1/');
    expectKsmError(() => apiBaseUrl('http://vault.example.com'), 'ERR_INVALID_HOSTNAME');
  });
});
