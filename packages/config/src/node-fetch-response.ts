// The response createNodeFetch resolves with: status, headers and the whole body, without loading undici.
import type { IncomingHttpHeaders } from 'node:http';

/** A fetch-style response over a fully received body (what the KSM client reads: `status` and `arrayBuffer`). */
export interface NodeFetchResponse {
  readonly status: number;
  readonly ok: boolean;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/**
 * Wraps a received body. `arrayBuffer()` hands out the body's own buffer when it owns it whole (large bodies),
 * else a copy, so a pooled small buffer is never exposed.
 *
 * @example
 * resolve(nodeFetchResponse(res.statusCode ?? 500, res.headers, Buffer.concat(chunks)));
 */
export function nodeFetchResponse(status: number, raw: IncomingHttpHeaders, body: Buffer): NodeFetchResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined && name !== 'set-cookie') headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    arrayBuffer: async () =>
      whole
        ? (body.buffer as ArrayBuffer)
        : (body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer),
    text: async () => body.toString('utf8'),
  };
}
