// A loopback HTTP upstream for http_request tests: /echo returns what it received, /b64 the authorization header in base64, /redirect?to=URL redirects.
import { createServer, type Server } from 'node:http';

/** A running upstream. */
export interface EchoUpstream {
  readonly port: number;
  /** Requests received (headers and body), newest last. */
  readonly received: { url: string; headers: Record<string, unknown>; body: string }[];
  stop(): Promise<void>;
}

/**
 * Starts the upstream on 127.0.0.1 with a free port.
 *
 * @example
 * const upstream = await startEchoUpstream();
 */
export async function startEchoUpstream(): Promise<EchoUpstream> {
  const received: EchoUpstream['received'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ url: req.url ?? '', headers: req.headers, body });
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
        return;
      }
      if (url.pathname === '/b64') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(Buffer.from(String(req.headers.authorization ?? '')).toString('base64'));
        return;
      }
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(200_000));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: url.pathname, query: url.search, headers: req.headers, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, received, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
