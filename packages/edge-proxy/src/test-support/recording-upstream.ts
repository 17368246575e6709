// Test support (Node): a loopback destination for inject mode that records what it received and echoes it back,
// plus redirect routes (same origin, off the allowlist, to an IP literal).
import { createServer, type Server } from 'node:http';

/** One request the upstream received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A running recording upstream. */
export interface RecordingUpstream {
  /** `http://localhost:PORT` (a host name: the proxy refuses IP literals). */
  readonly url: string;
  received(): ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts the upstream on 127.0.0.1. `GET /__received` returns what it received so far.
 *
 * @example
 * const upstream = await startRecordingUpstream();
 */
export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const received: ReceivedRequest[] = [];
  let port = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (path === '/__received') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
        return;
      }
      const entry = {
        method: req.method ?? 'GET',
        url: path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      if (path.startsWith('/redirect-same')) {
        res.writeHead(307, { location: '/echo?after=redirect' }).end();
      } else if (path.startsWith('/redirect-off')) {
        res.writeHead(302, { location: 'https://not-allowed.example/steal' }).end();
      } else if (path.startsWith('/redirect-ip')) {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/echo` }).end();
      } else {
        // Echoes everything back, secrets included, so the test can prove the proxy scrubbed them.
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-echo-auth': String(req.headers.authorization ?? ''),
        });
        res.end(JSON.stringify(entry));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
