// Test support (Node): a loopback HTTP proxy in front of a vault that counts KSM calls per endpoint and can
// simulate an outage (it drops connections), so Worker tests can prove coalescing and stale-if-error.
import { createServer, request as httpRequest, type Server } from 'node:http';

/** A running counting proxy. */
export interface CountingProxy {
  /** `http://127.0.0.1:PORT`: use it as the device config's hostname. */
  readonly url: string;
  /** `http://127.0.0.1:PORT/__control`: GET → counts; POST {"down":bool} or {"reset":true}. */
  readonly controlUrl: string;
  counts(): Record<string, number>;
  setDown(down: boolean): void;
  /** Points the proxy at another vault URL (a restarted vault listens on a new port). */
  retarget(target: string): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts a counting proxy in front of `target` (an http:// vault URL).
 *
 * @example
 * const proxy = await startCountingProxy(vault.url);
 * proxy.counts().get_secret;
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  let upstream = new URL(target);
  const counts: Record<string, number> = {};
  let down = false;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/__control') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
            down?: boolean;
            reset?: boolean;
          };
          if (body.down !== undefined) down = body.down;
          if (body.reset === true) for (const key of Object.keys(counts)) delete counts[key];
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ counts, down }));
      });
      return;
    }
    if (down) {
      req.socket.destroy();
      return;
    }
    const endpoint = path.slice(path.lastIndexOf('/') + 1);
    counts[endpoint] = (counts[endpoint] ?? 0) + 1;
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  // workerd pools connections; a short server keep-alive would close sockets it is about to reuse.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    controlUrl: `${url}/__control`,
    counts: () => ({ ...counts }),
    setDown: (value) => {
      down = value;
    },
    retarget: (next) => {
      upstream = new URL(next);
    },
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
