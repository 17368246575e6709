// How often one getSecrets through a keeper.ini profile touches the file (counted on node:fs/promises), against a real vault.
import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeClient } from './node-client.js';
import { initProfile } from './profile-init.js';

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, readFile: vi.fn(real.readFile), stat: vi.fn(real.stat), open: vi.fn(real.open) };
});

const SEED = {
  folders: [{ name: 'Ops', records: [{ type: 'login', title: 'DB', fields: { login: 'app', password: 'pw-1' } }] }],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }],
};

let vault: TestVault;
let dir: string;
let ini: string;

/** Calls of a counted fs function on `path` since the last `vi.clearAllMocks()`. */
function callsOn(fn: unknown, path: string): number {
  return vi.mocked(fn as (p: unknown) => unknown).mock.calls.filter(([p]) => p === path).length;
}

beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  dir = await mkdtemp(join(tmpdir(), 'ksmkit-reads-'));
  ini = join(dir, 'keeper.ini');
  const { token } = (await vault.admin(['client', 'add', '--app', 'ci'])) as { token: string };
  await initProfile({
    path: ini,
    token,
    hostname: vault.hostname,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: vault.serverPublicKeyId,
    caCertificate: await readFile(vault.caCertPath as string, 'utf8'),
  });
}, 120_000);

afterAll(async () => {
  await vault?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('keeper.ini reads per getSecrets', () => {
  it('binding saves appKey, appOwnerPublicKey and the dropped clientKey in one atomic write', async () => {
    vi.clearAllMocks();
    const { client } = await createNodeClient({ iniFile: ini });
    expect((await client.getSecrets()).records).toHaveLength(1);
    // writeFileAtomic opens one temp file per save, next to keeper.ini.
    const temps = vi.mocked(fs.open).mock.calls.filter(([p]) => String(p).startsWith(join(dir, '.keeper.ini.')));
    expect(temps).toHaveLength(1);
    const text = await readFile(ini, 'utf8');
    expect(text).toMatch(/^appkey\s*=/im);
    expect(text).not.toMatch(/^clientkey\s*=\s*\S/im);
  });

  it('reads and stats the bound file once for a whole client and getSecrets', async () => {
    vi.clearAllMocks();
    const { client } = await createNodeClient({ iniFile: ini });
    expect((await client.getSecrets()).records).toHaveLength(1);
    const reads = callsOn(fs.readFile, ini);
    const stats = callsOn(fs.stat, ini);
    console.log(`keeper.ini per createNodeClient + getSecrets: ${reads} read(s), ${stats} stat(s)`);
    expect(reads).toBe(1);
    expect(stats).toBe(1);
    // A second getSecrets on the same client reads nothing more.
    await client.getSecrets();
    expect(callsOn(fs.readFile, ini)).toBe(1);
  });
});
