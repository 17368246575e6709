// DNS-rebinding defence: the Host header must name this server, and a browser Origin must be an allowed one.

/** Which Host and Origin headers are accepted. */
export interface HostPolicy {
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;
}

/**
 * The default policy for a server on `port`: loopback names only, plus what the operator added.
 *
 * @example
 * hostPolicy(8787, [], []).hosts.has('localhost:8787') // true
 */
export function hostPolicy(port: number, extraHosts: readonly string[], extraOrigins: readonly string[]): HostPolicy {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  return {
    hosts: new Set([...names.map((n) => `${n}:${port}`), ...extraHosts.map((h) => h.toLowerCase())]),
    origins: new Set([...names.map((n) => `http://${n}:${port}`), ...extraOrigins.map((o) => o.toLowerCase())]),
  };
}

/**
 * Null when the request may go on; otherwise why it is refused (no header value is echoed).
 *
 * @example
 * checkHostAndOrigin(request.headers, policy) // null
 */
export function checkHostAndOrigin(headers: Headers, policy: HostPolicy): string | null {
  const host = headers.get('host')?.toLowerCase();
  if (host === undefined || !policy.hosts.has(host)) return 'Host header not allowed (add it with --allowed-hosts)';
  const origin = headers.get('origin');
  if (origin !== null && !policy.origins.has(origin.toLowerCase())) {
    return 'Origin not allowed (add it with --allowed-origins)';
  }
  return null;
}
