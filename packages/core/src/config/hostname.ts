// KSM hostnames: region codes, `host[:port]`, `https://` URLs, and plain `http://` for loopback hosts only.
import { KsmError } from '../errors.js';

/** Keeper's regions and their hosts (spec §2.3); codes are matched case-insensitively. */
export const REGION_HOSTS: Readonly<Record<string, string>> = {
  US: 'keepersecurity.com',
  EU: 'keepersecurity.eu',
  AU: 'keepersecurity.com.au',
  GOV: 'govcloud.keepersecurity.us',
  JP: 'keepersecurity.jp',
  CA: 'keepersecurity.ca',
  IL5: 'il5.keepersecurity.us',
};

/** Other spellings of region codes: `US_GOV` is how Keeper's CLI documents GovCloud (`-h US_GOV`). */
const REGION_ALIASES: Readonly<Record<string, string>> = { US_GOV: 'GOV', USGOV: 'GOV', GOVCLOUD: 'GOV' };

const REGION_LIST = 'US, EU, AU, JP, CA, US_GOV (GOV), IL5';

const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const EXPECTED =
  'expected a region code (US, EU, AU, GOV, JP, CA, IL5), host[:port], https://host[:port], or http://127.0.0.1:port (plain http is only allowed for loopback hosts)';

function invalid(reason: string): KsmError {
  return new KsmError('ERR_INVALID_HOSTNAME', `Invalid KSM hostname (${reason}); ${EXPECTED}`, { reason });
}

/**
 * True for hosts that never leave the machine: `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`.
 *
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * isLoopbackHost('vault.example.com') // false
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || IPV4_LOOPBACK.test(name);
}

/** Splits `host[:port]` and checks both; returns the host, throws ERR_INVALID_HOSTNAME. */
function checkAuthority(authority: string): string {
  if (authority.includes('@')) throw invalid('credentials');
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(authority);
  if (match === null) throw invalid('port');
  const host = match[1] ?? '';
  const port = match[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw invalid('port');
  if (host.startsWith('[')) {
    if (!IPV6.test(host)) throw invalid('host');
    return host;
  }
  if (host.length === 0 || host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) {
    throw invalid('host');
  }
  return host;
}

/**
 * Normalises a hostname as given by a user, a token prefix or a config file. Region codes (and `US_GOV`) become their host;
 * `https://host[:port][/]` becomes `host[:port]` (the official config shape, used with https); `http://` is
 * kept (ksmkit only, the official SDKs always use https) and only allowed for loopback hosts. Paths, queries
 * and credentials are rejected. Throws `ERR_INVALID_HOSTNAME` (the input is not echoed).
 *
 * @example
 * normalizeHostname('eu') // 'keepersecurity.eu'
 * normalizeHostname('US_GOV') // 'govcloud.keepersecurity.us'
 * normalizeHostname('https://vault.example.com:8443/') // 'vault.example.com:8443'
 * normalizeHostname('http://127.0.0.1:8787') // 'http://127.0.0.1:8787'
 */
export function normalizeHostname(text: string): string {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  const region = REGION_HOSTS[REGION_ALIASES[upper] ?? upper];
  if (region !== undefined) return region;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed);
  let authority = trimmed;
  if (scheme !== null) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'https' && name !== 'http') throw invalid('scheme');
    authority = trimmed.slice(scheme[0].length);
    if (authority.endsWith('/')) authority = authority.slice(0, -1);
    if (/[/?#]/.test(authority)) throw invalid('path');
    const host = checkAuthority(authority);
    if (name === 'http') {
      if (!isLoopbackHost(host)) throw invalid('insecure-http');
      return `http://${authority}`;
    }
    return authority;
  }
  if (/[/?#]/.test(authority)) throw invalid('path');
  checkAuthority(authority);
  return authority;
}

/**
 * `normalizeHostname` for a hostname a user typed as a region option (`ksm profile init -h`): a short bare word
 * that is no region code (`xx`) is a typo, not a server, and throws `ERR_INVALID_HOSTNAME` with reason
 * `unknown-region` and the list of valid regions. Hosts with a dot, a port or a scheme pass as in
 * `normalizeHostname`.
 *
 * @example
 * normalizeRegionOrHost('US_GOV') // 'govcloud.keepersecurity.us'
 * normalizeRegionOrHost('xx') // throws: Unknown region "xx"; expected one of US, EU, AU, JP, CA, US_GOV (GOV), IL5, …
 */
export function normalizeRegionOrHost(text: string): string {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (REGION_HOSTS[REGION_ALIASES[upper] ?? upper] === undefined && /^[A-Za-z_]{1,10}$/.test(trimmed)) {
    if (trimmed.toLowerCase() !== 'localhost') {
      throw new KsmError(
        'ERR_INVALID_HOSTNAME',
        `Unknown region "${trimmed}"; expected one of ${REGION_LIST}, or a host[:port] / https://host[:port]`,
        { reason: 'unknown-region', region: trimmed },
      );
    }
  }
  return normalizeHostname(trimmed);
}

/**
 * The base URL of the KSM API for a normalised hostname: `https://host[:port]/api/rest/sm/v1/`, or the
 * plain-http origin when the hostname kept an `http://` scheme (loopback only).
 *
 * @example
 * apiBaseUrl('keepersecurity.com') // 'https://keepersecurity.com/api/rest/sm/v1/'
 * apiBaseUrl('http://127.0.0.1:8787') // 'http://127.0.0.1:8787/api/rest/sm/v1/'
 */
export function apiBaseUrl(hostname: string): string {
  const normalised = normalizeHostname(hostname);
  const origin = normalised.startsWith('http://') ? normalised : `https://${normalised}`;
  return `${origin}/api/rest/sm/v1/`;
}
