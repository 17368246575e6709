// Where inject mode may send a request: allowlisted hosts only, no IP literals, no userinfo, HTTPS unless allowed.
import { EdgeError } from '../errors.js';

/** The allowlists a destination must satisfy. */
export interface DestinationPolicy {
  /** Hosts of the caller token (`api.example.com`, `*.example.com`, or `host:port`). */
  readonly tokenHosts: readonly string[];
  /** Per record `edge_allowed_hosts` lists; each non-empty one must also allow the host. */
  readonly recordHosts: readonly (readonly string[])[];
  /** Allow http:// (local development and tests only). */
  readonly allowHttp: boolean;
}

function hostMatches(pattern: string, url: URL): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === url.host || p === url.hostname) return true;
  return p.startsWith('*.') && url.hostname.endsWith(p.slice(1)) && url.hostname.length > p.length - 1;
}

/** IPv4 (the URL parser normalises octal/hex/decimal forms to dotted quads) or a bracketed IPv6 literal. */
function isIpLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

function denied(message: string, host: string, code: 'ERR_DESTINATION_DENIED' | 'ERR_REDIRECT_DENIED'): EdgeError {
  return new EdgeError(code, 403, message, { host });
}

/**
 * Throws unless `url` is an allowed destination (`code` tells a first hop from a redirect).
 *
 * @example
 * checkDestination(new URL('https://api.example.com/v1'), policy);
 */
export function checkDestination(
  url: URL,
  policy: DestinationPolicy,
  code: 'ERR_DESTINATION_DENIED' | 'ERR_REDIRECT_DENIED' = 'ERR_DESTINATION_DENIED',
): void {
  const host = url.hostname;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw denied('Destinations must use https://', host, code);
  }
  if (url.username !== '' || url.password !== '') {
    throw denied('Destinations must not carry userinfo (user:password@)', host, code);
  }
  if (isIpLiteral(host)) throw denied('Destinations must be host names, not IP addresses', host, code);
  if (!policy.allowHttp && (host === 'localhost' || host.endsWith('.localhost'))) {
    throw denied('Destinations must not be localhost', host, code);
  }
  if (!policy.tokenHosts.some((pattern) => hostMatches(pattern, url))) {
    throw denied('The caller token does not allow this destination host', host, code);
  }
  for (const list of policy.recordHosts) {
    if (list.length > 0 && !list.some((pattern) => hostMatches(pattern, url))) {
      throw denied(
        'A record used in this request does not allow this destination host (edge_allowed_hosts)',
        host,
        code,
      );
    }
  }
}
