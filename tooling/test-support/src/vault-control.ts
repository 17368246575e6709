// Vitest globalSetup (Node side): a loopback control endpoint that starts, administers and stops real vaults for
// tests, so the same suite can drive them from Node and from inside workerd (which cannot spawn processes).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import type {} from './vault-client.js';
import { ensureVaultBuilt, startTestVault, type TestVault } from './vault-process.js';

let server: Server | null = null;
const vaults = new Map<string, TestVault>();

async function handle(body: Record<string, unknown>): Promise<unknown> {
  const op = body.op;
  if (op === 'start') {
    const vault = await startTestVault({
      args: ['--http'],
      ...(body.seed === undefined ? {} : { seed: body.seed as Record<string, unknown> }),
      ...(body.throttle === undefined
        ? {}
        : { throttle: body.throttle as { requests: number; windowSeconds: number } }),
    });
    const id = String(vault.pid);
    vaults.set(id, vault);
    const { hostname, url, serverPublicKey, serverPublicKeyId, seeded } = vault;
    return { id, hostname, url, serverPublicKey, serverPublicKeyId, seeded };
  }
  const vault = vaults.get(String(body.id));
  if (vault === undefined) throw new Error('unknown vault');
  if (op === 'admin') return vault.admin(body.args as string[]);
  if (op === 'stop') {
    vaults.delete(String(body.id));
    await vault.stop();
    return {};
  }
  throw new Error('unknown op');
}

/**
 * Starts the control endpoint and provides its address to the tests.
 *
 * @example
 * // vitest.config.ts: test: { globalSetup: [fileURLToPath(import.meta.resolve('@ksmkit/test-support/vault-control'))] }
 */
export async function setup(project: TestProject): Promise<void> {
  // A missing or stale vault build is rebuilt, and a failed build fails the run: vault suites never skip.
  ensureVaultBuilt();
  const secret = randomBytes(24).toString('hex');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['x-control-secret'] !== secret) {
        res.writeHead(403).end();
        return;
      }
      handle(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null)),
        (error: { message?: string; stderr?: string }) =>
          res.writeHead(500).end(JSON.stringify({ message: error.message, stderr: error.stderr })),
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  project.provide('ksmVaultControl', { url: `http://127.0.0.1:${port}/`, secret });
}

/**
 * Stops every vault still running and the control endpoint.
 *
 * @example
 * await teardown();
 */
export async function teardown(): Promise<void> {
  await Promise.all([...vaults.values()].map((vault) => vault.stop()));
  vaults.clear();
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
}
