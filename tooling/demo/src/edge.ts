// The edge part of the demo: the Worker proxy under `wrangler dev`, bound to its own plain-HTTP demo vault.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startWranglerDev, type WranglerDev } from '@ksmkit/edge-proxy/test-support';
import { binaryOf, startNode } from './child.js';

const require = createRequire(import.meta.url);

/** A running proxy, a caller token scoped to one record, and what a call with it returned. */
export interface DemoEdge {
  readonly base: string;
  readonly token: string;
  readonly recordUid: string;
  /** The non-secret title the proxy resolved for the token (proves scope, cache and upstream work). */
  readonly resolvedTitle: string;
  readonly dev: WranglerDev;
}

const node = (args: readonly string[], env: NodeJS.ProcessEnv = process.env): string =>
  execFileSync(process.execPath, args, { encoding: 'utf8', env });

/**
 * Starts a demo vault over plain HTTP on loopback (workerd cannot trust the local CA), binds a device for the
 * proxy (`ksmkit-edge setup` writes `.dev.vars` 0600), starts `wrangler dev`, and mints a caller token for Postgres.
 *
 * @example
 * const edge = await startEdge(dir);
 */
export async function startEdge(dir: string): Promise<DemoEdge> {
  const vaultBin = binaryOf('@ksmkit/vault', 'dist/cli/main.js');
  const edgeBin = binaryOf('@ksmkit/edge-proxy', 'dist/main.js');
  const dataDir = join(dir, 'edge-vault');
  const { line } = await startNode(vaultBin, ['demo', '--http', '--json', '--data-dir', dataDir, '--port', '0'], {
    isReady: (text) => text.startsWith('{') && text.includes('"ready"'),
  });
  const vault = JSON.parse(line) as { url: string; token: string; serverPublicKey: string; serverPublicKeyId: number };
  const args = ['--json', '--data-dir', dataDir];
  const { records } = JSON.parse(node([vaultBin, 'record', 'list', ...args])) as {
    records: { uid: string; title: string }[];
  };
  const recordUid = records.find((record) => record.title === 'Postgres')?.uid ?? '';
  // A bound `ksm` profile for the proxy, as the README's deploy steps make one (the token stays off argv).
  const ksm = binaryOf('@ksmkit/cli', 'dist/ksm/main.js');
  const ini = ['--ini-file', join(dir, 'keeper.ini')];
  const key = ['--server-public-key', vault.serverPublicKey, '--server-public-key-id', String(vault.serverPublicKeyId)];
  node([ksm, 'profile', 'init', '-p', 'edge', ...ini, '-h', vault.url, ...key], {
    ...process.env,
    KSM_CLI_TOKEN: vault.token,
  });
  node([ksm, 'secret', 'list', '--profile', 'edge', ...ini, '--json']);
  const devVars = join(dir, '.dev.vars');
  node([edgeBin, 'setup', '--profile', 'edge', ...ini, '--dev-vars', devVars]);
  const packageDir = dirname(require.resolve('@ksmkit/edge-proxy/package.json'));
  const dev = await startWranglerDev(
    ['--env-file', devVars, '--persist-to', join(dir, 'edge-state')],
    packageDir,
    async (base) => (await fetch(`${base}/v1/health`)).ok,
  );
  const token = node([
    edgeBin,
    'token',
    'create',
    '--sub',
    'demo',
    '--scope',
    `keeper://${recordUid}/*`,
    '--ttl',
    '1h',
    '--dev-vars',
    devVars,
  ]).trim();
  const response = await fetch(`${dev.base}/v1/resolve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ notations: [`keeper://${recordUid}/title`] }),
  });
  const body = (await response.json()) as { results?: { values: string[] }[] };
  return {
    base: dev.base,
    token,
    recordUid,
    resolvedTitle: body.results?.[0]?.values[0] ?? `HTTP ${response.status}`,
    dev,
  };
}
