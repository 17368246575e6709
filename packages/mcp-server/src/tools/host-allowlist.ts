// Which destinations http_request may call: the operator's list, narrowed per record by `mcp_allowed_hosts`.
import type { DecryptedRecord } from '@ksmkit/core';

/** The custom field label a record uses to list the hosts its secrets may be sent to. */
export const RECORD_HOSTS_LABEL = 'mcp_allowed_hosts';

/**
 * True when `url`'s host (or host:port) matches one pattern: `host`, `host:port` or `*.domain`.
 *
 * @example
 * hostAllowed(new URL('https://api.example.com/x'), ['*.example.com']) // true
 */
export function hostAllowed(url: URL, patterns: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const hostPort = url.port === '' ? host : `${host}:${url.port}`;
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return pattern === host || pattern === hostPort;
  });
}

/**
 * The hosts a record's secrets may go to: its `mcp_allowed_hosts` custom field when set, else the global list.
 *
 * @example
 * recordHosts(record, ['api.example.com'])
 */
export function recordHosts(record: DecryptedRecord, global: readonly string[]): readonly string[] {
  const field = (record.data.custom ?? []).find((f) => f.label === RECORD_HOSTS_LABEL);
  const values = (field?.value ?? []).filter((v): v is string => typeof v === 'string');
  const hosts = values.flatMap((v) => v.split(/[\s,]+/)).filter((h) => h !== '');
  return hosts.length > 0 ? hosts : global;
}
