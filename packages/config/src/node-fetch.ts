// A fetch for ksmkit clients on Node: node:http(s) instead of undici, trusting a self-hosted server's CA.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { type NodeFetchResponse, nodeFetchResponse } from './node-fetch-response.js';
import { outgoingRequest } from './outgoing-request.js';
import { tlsError } from './tls-error.js';

const IDLE_SOCKET_MS = 4_000;

/** A `fetch`-style function (what `createClient({ fetch })` takes), resolving once the whole body arrived. */
export type NodeFetch = (url: string, init?: RequestInit) => Promise<NodeFetchResponse>;

/**
 * A fetch over node:https that trusts `ca` (PEM) in addition to the system roots for https URLs (plain http URLs use node:http), optionally
 * from `localAddress` (e.g. 127.0.0.2, to look like another machine to a loopback server). Bodies of any
 * fetch body type (bytes, FormData, strings) are accepted (bytes go straight out; others through a web `Request`),
 * and the response is a small fetch-style object, so a one-shot tool never loads undici. Connections are kept
 * alive between calls (idle sockets never hold the process open) and the TLS context is built once per fetch.
 *
 * @example
 * const fetch = createNodeFetch({ ca: readFileSync(vault.caCertPath, 'utf8') });
 * const client = createClient({ storage, fetch });
 */
export function createNodeFetch(
  options: {
    readonly ca?: string | undefined;
    readonly localAddress?: string | undefined;
    /** How long an idle kept-alive socket is kept; default 4 000 ms (below a Node server's 5 s keep-alive). */
    readonly idleSocketMs?: number | undefined;
  } = {},
): NodeFetch {
  const secureContext = options.ca === undefined ? undefined : secureContextWith(options.ca);
  // Idle sockets are dropped before a server's keep-alive timeout closes them under a request.
  const idle = { keepAlive: true, timeout: options.idleSocketMs ?? IDLE_SOCKET_MS } as const;
  const httpsAgent = new HttpsAgent({ ...idle, ...(secureContext === undefined ? {} : { secureContext }) });
  const httpAgent = new HttpAgent(idle);
  return async (url, init = {}) => {
    const { method, headers, body } = await outgoingRequest(url, init);
    const target = new URL(url);
    const https = target.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    return new Promise<NodeFetchResponse>((resolve, reject) => {
      const req = send(
        target,
        {
          method,
          headers,
          agent: https ? httpsAgent : httpAgent,
          ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve(nodeFetchResponse(res.statusCode ?? 500, res.headers, Buffer.concat(chunks))));
        },
      );
      req.on('error', (error) => reject(https ? tlsError(error, target.host) : error));
      req.end(body ?? undefined);
    });
  };
}

/**
 * A TLS context trusting the system roots plus `ca`. Node's native context adds one certificate to its root store
 * (as NODE_EXTRA_CA_CERTS does); passing `ca: [...rootCertificates, ca]` instead re-parses ~140 root certificates,
 * about 30 ms at every process start. Falls back to that where the native method is missing.
 */
function secureContextWith(ca: string): SecureContext {
  const context = createSecureContext();
  const native = (context as { context?: { addCACert?: (pem: string) => void } }).context;
  if (typeof native?.addCACert !== 'function') return createSecureContext({ ca: [...rootCertificates, ca] });
  native.addCACert(ca);
  return context;
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
