// `pnpm --filter @ksmkit/edge-proxy demo`: a local vault (HTTP, loopback), the proxy under `wrangler dev` bound to it,
// a caller token, and curl commands to try; Ctrl+C stops everything.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKeeperIni, saveKeeperIni, setProfileConfig } from '@ksmkit/config';
import { createClient, createMemoryStorage, initializeConfig, readDeviceConfig } from '@ksmkit/core';
import { startTestVault } from '@ksmkit/test-support';
import { EDGE_SEED } from './seed.js';
import { startWranglerDev } from './wrangler-dev.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(packageDir, 'dist/main.js');

const dir = await mkdtemp(join(tmpdir(), 'ksmkit-edge-demo-'));
const vault = await startTestVault({ seed: EDGE_SEED, args: ['--http'], dataDir: join(dir, 'vault') });
const { token: oneTime } = (await vault.admin(['client', 'add', '--app', 'edge'])) as { token: string };
const storage = createMemoryStorage();
await initializeConfig(storage, oneTime, {
  hostname: vault.url,
  serverPublicKey: vault.serverPublicKey,
  serverPublicKeyId: vault.serverPublicKeyId,
});
await createClient({ storage }).getSecrets(); // binds the device
const ini = createKeeperIni();
setProfileConfig(ini, 'edge', await readDeviceConfig(storage));
await saveKeeperIni(join(dir, 'keeper.ini'), ini);
const vars = join(dir, '.dev.vars');
await run(process.execPath, [
  cli,
  'setup',
  '--profile',
  'edge',
  '--ini-file',
  join(dir, 'keeper.ini'),
  '--dev-vars',
  vars,
]);
const dev = await startWranglerDev(
  ['--env-file', vars, '--persist-to', join(dir, 'state')],
  packageDir,
  async (base) => {
    return (await fetch(`${base}/v1/health`)).ok;
  },
);
const postgres = vault.seeded.records.Postgres as string;
const minted = await run(process.execPath, [
  cli,
  'token',
  'create',
  '--sub',
  'demo',
  '--scope',
  `keeper://${postgres}/*`,
  '--ttl',
  '1h',
  '--dev-vars',
  vars,
]);
const token = minted.stdout.trim();
process.stdout.write(`Edge proxy on ${dev.base} (wrangler dev, local), vault on ${vault.url}. Try:

  curl -s ${dev.base}/v1/health
  curl -s ${dev.base}/v1/resolve -H 'authorization: Bearer ${token}' -H 'content-type: application/json' \\
    -d '{"notations":["keeper://${postgres}/field/password"]}'
  curl -s ${dev.base}/v1/secrets/${postgres} -H 'authorization: Bearer ${token}'

Ctrl+C stops the proxy and the vault.
`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await dev.stop();
  await vault.stop();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
