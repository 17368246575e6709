// Test support (Node only): a fetch-compatible function over node:http(s) that trusts a given CA certificate.
// biome-ignore lint/correctness/noNodejsModules: Node-only test support (never imported by runtime code)
import { request as httpRequest } from 'node:http';
// biome-ignore lint/correctness/noNodejsModules: Node-only test support (never imported by runtime code)
import { request as httpsRequest } from 'node:https';

/** A `fetch`-compatible function (what `createClient({ fetch })` takes). */
export type NodeFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * A fetch over node:https that trusts `ca` (PEM) for https URLs (plain http URLs use node:http), optionally
 * from `localAddress` (e.g. 127.0.0.2, to look like another machine to a loopback server). Bodies of any
 * fetch body type (bytes, FormData, strings) are serialised through a web `Request` first.
 *
 * @example
 * const fetch = createNodeFetch({ ca: readFileSync(vault.caCertPath, 'utf8') });
 * const client = createClient({ storage, fetch });
 */
export function createNodeFetch(
  options: { readonly ca?: string | undefined; readonly localAddress?: string | undefined } = {},
): NodeFetch {
  return async (url, init = {}) => {
    const request = new Request(url, init);
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    if (body !== null) headers['content-length'] = String(body.length);
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(
        target,
        {
          method: request.method,
          headers,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
          ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 500;
            const responseHeaders = new Headers();
            for (const [key, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') responseHeaders.set(key, value);
            }
            const nullBody = status === 204 || status === 304;
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  };
}
