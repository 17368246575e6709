// Test support: a TCP port on 127.0.0.1 that was free a moment ago, for servers a test starts.
import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago.
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
