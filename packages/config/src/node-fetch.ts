// A fetch for ksmkit clients on Node: node:http(s) instead of undici, trusting a self-hosted server's CA.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';

/** A `fetch`-compatible function (what `createClient({ fetch })` takes). */
export type NodeFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * A fetch over node:https that trusts `ca` (PEM) in addition to the system roots for https URLs (plain http URLs use node:http), optionally
 * from `localAddress` (e.g. 127.0.0.2, to look like another machine to a loopback server). Bodies of any
 * fetch body type (bytes, FormData, strings) are serialised through a web `Request` first. Connections are kept
 * alive between calls (idle sockets never hold the process open) and the TLS context is built once per fetch.
 *
 * @example
 * const fetch = createNodeFetch({ ca: readFileSync(vault.caCertPath, 'utf8') });
 * const client = createClient({ storage, fetch });
 */
export function createNodeFetch(
  options: { readonly ca?: string | undefined; readonly localAddress?: string | undefined } = {},
): NodeFetch {
  const secureContext =
    options.ca === undefined ? undefined : createSecureContext({ ca: [...rootCertificates, options.ca] });
  const httpsAgent = new HttpsAgent({ keepAlive: true, ...(secureContext === undefined ? {} : { secureContext }) });
  const httpAgent = new HttpAgent({ keepAlive: true });
  return async (url, init = {}) => {
    const request = new Request(url, init);
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    if (body !== null) headers['content-length'] = String(body.length);
    const target = new URL(url);
    const https = target.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(
        target,
        {
          method: request.method,
          headers,
          agent: https ? httpsAgent : httpAgent,
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

/**
 * The fetch a Node client should use for `config`: it trusts the config's `caCertificate` (self-hosted vaults)
 * and avoids undici's start-up and exit delays for one-shot tools.
 *
 * @example
 * const config = await readDeviceConfig(storage);
 * const client = createClient({ storage, fetch: nodeFetchForConfig(config) });
 */
export function nodeFetchForConfig(config: { readonly caCertificate?: string | undefined }): NodeFetch {
  return createNodeFetch({ ca: config.caCertificate });
}
