// One-time access tokens (spec §2.3): region prefixes, IL5 4-part tokens, explicit hostnames, host:port:TOKEN.
import { base64Decode } from '../encoding/base64.js';
import { isKsmError, KsmError, type KsmErrorDetails } from '../errors.js';
import { normalizeHostname, normalizeRegionOrHost } from './hostname.js';

/** What a one-time token says: the client key, where to bind, and (IL5 / extended tokens) the server key. */
export interface ParsedOneTimeToken {
  /** The 32 token bytes ("clientKey"); the HMAC key of the client id. Secret. */
  readonly clientKey: Uint8Array<ArrayBuffer>;
  /** Normalised hostname (see `normalizeHostname`). */
  readonly hostname: string;
  /** Present only for 4-part tokens. */
  readonly serverPublicKeyId?: number;
  /** 65-byte uncompressed P-256 point; present only for 4-part tokens. */
  readonly serverPublicKey?: Uint8Array<ArrayBuffer>;
}

/** Options of `parseOneTimeToken`. */
export interface ParseOneTimeTokenOptions {
  /**
   * Where to bind: a region code, `host[:port]`, `https://host[:port]` or `http://<loopback>:port`. Required
   * for a bare token; when the token has its own prefix, this explicit value wins. Blank counts as absent.
   */
  readonly hostname?: string | undefined;
  /**
   * Where a bare token (no prefix) binds when `hostname` is absent; e.g. `DEFAULT_REGION` (`US`), as Keeper's
   * CLI does. Without it a bare token needs `hostname`. Precedence: `hostname`, then the token's prefix, then this.
   */
  readonly defaultHostname?: string | undefined;
}

/** The region Keeper's CLI binds a bare one-time token (no `REGION:` prefix) to when no hostname is given. */
export const DEFAULT_REGION = 'US';

const EXPECTED =
  'expected TOKEN (43 characters of URL-safe base64 = 32 bytes) with the hostname option, REGION:TOKEN (US, EU, AU, GOV, JP, CA, IL5), host[:port]:TOKEN, or IL5:TOKEN:serverPublicKeyId:serverPublicKey';

function invalid(reason: string, details: KsmErrorDetails = {}): KsmError {
  return new KsmError('ERR_INVALID_TOKEN', `Invalid one-time token (${reason}); ${EXPECTED}`, { reason, ...details });
}

function decodeClientKey(text: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64Decode(text);
  } catch {
    throw invalid('not-base64', { length: text.length });
  }
  if (bytes.length !== 32) throw invalid('length', { length: text.length, bytes: bytes.length });
  return bytes;
}

function decodeServerKey(idText: string, keyText: string): { id: number; key: Uint8Array<ArrayBuffer> } {
  if (!/^\d{1,9}$/.test(idText)) throw invalid('server-public-key-id');
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = base64Decode(keyText);
  } catch {
    throw invalid('server-public-key');
  }
  if (key.length !== 65 || key[0] !== 0x04) throw invalid('server-public-key', { bytes: key.length });
  return { id: Number(idText), key };
}

/** Splits the trimmed text into an optional host part, the token part and an optional server key. */
function split(text: string): { host?: string; token: string; hostIsUrl: boolean; server?: [string, string] } {
  if (/^https?:\/\//i.test(text)) {
    const colon = text.lastIndexOf(':');
    return { host: text.slice(0, colon), token: text.slice(colon + 1), hostIsUrl: true };
  }
  const parts = text.split(':');
  const [first = '', second = '', third = '', fourth = ''] = parts;
  if (parts.length === 1) return { token: text, hostIsUrl: false };
  const il5 = first.toUpperCase() === 'IL5';
  if (parts.length === 4 && (il5 || /^\d+$/.test(third))) {
    return { host: first, token: second, hostIsUrl: false, server: [third, fourth] };
  }
  if (il5 && parts.length !== 2) throw invalid('il5-parts', { parts: parts.length });
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon), token: text.slice(colon + 1), hostIsUrl: false };
}

function hostFromToken(host: string, hostIsUrl: boolean): string {
  try {
    return normalizeHostname(host);
  } catch (error) {
    // A URL-shaped prefix is clearly a hostname, so its error stands; otherwise the token is malformed.
    if (hostIsUrl || !isKsmError(error, 'ERR_INVALID_HOSTNAME')) throw error;
    throw invalid('host', { hostReason: error.details.reason ?? null });
  }
}

/**
 * Parses a one-time access token. Accepted forms (whitespace around them is trimmed):
 * - `TOKEN` plus `options.hostname` (e.g. `'127.0.0.1:8443'`, `'https://vault.example.com'`, `'EU'`);
 * - `REGION:TOKEN` with a region code (case-insensitive), or any other `host:TOKEN`, used as the hostname;
 * - `host:port:TOKEN` and `https://host[:port]:TOKEN` for self-hosted servers (`http://` for loopback only);
 * - `IL5:TOKEN:serverPublicKeyId:serverPublicKey` (also any `PREFIX:TOKEN:id:key`, as Java accepts).
 * An explicit `options.hostname` wins over the token's prefix; a bare token without one uses
 * `options.defaultHostname` (e.g. `DEFAULT_REGION`). Throws `ERR_INVALID_TOKEN` (never echoing the
 * token) or `ERR_INVALID_HOSTNAME`.
 *
 * @example
 * const { clientKey, hostname } = parseOneTimeToken('US:YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c');
 * // hostname === 'keepersecurity.com', clientKey.length === 32
 */
export function parseOneTimeToken(text: string, options: ParseOneTimeTokenOptions = {}): ParsedOneTimeToken {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw invalid('empty');
  const parts = split(trimmed);
  const clientKey = decodeClientKey(parts.token);
  const server = parts.server === undefined ? undefined : decodeServerKey(...parts.server);
  const explicit = options.hostname?.trim();
  let hostname: string;
  if (explicit !== undefined && explicit.length > 0) hostname = normalizeRegionOrHost(explicit);
  else if (parts.host !== undefined) hostname = hostFromToken(parts.host, parts.hostIsUrl);
  else if (options.defaultHostname !== undefined && options.defaultHostname.trim() !== '')
    hostname = normalizeRegionOrHost(options.defaultHostname);
  else throw invalid('hostname-required');
  if (server === undefined) return { clientKey, hostname };
  return { clientKey, hostname, serverPublicKeyId: server.id, serverPublicKey: server.key };
}
