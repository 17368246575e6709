// Tests of the Node fetch against a real vault over HTTPS: trusted through the config's CA, refused without it.
import { readFileSync } from 'node:fs';
import {
  createClient,
  createMemoryStorage,
  type DeviceConfig,
  isKsmError,
  parseDeviceConfig,
  writeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch, type NodeFetch, nodeFetchForConfig } from './node-fetch.js';

const SEED = {
  folders: [{ name: 'Ops', records: [{ type: 'login', title: 'Database', fields: { login: 'svc-app' } }] }],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }],
};

let vault: TestVault;
let caCertificate: string;
beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  caCertificate = readFileSync(vault.caCertPath as string, 'utf8');
}, 120_000);
afterAll(async () => {
  await vault?.stop();
});

/** A device config minted by the vault for app `ci`, with the vault's CA kept in it. */
async function deviceConfig(): Promise<DeviceConfig> {
  const minted = await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'json']);
  return { ...(await parseDeviceConfig(JSON.stringify(minted.config))), caCertificate };
}

async function titlesWith(config: DeviceConfig, fetch: NodeFetch): Promise<string[]> {
  const storage = createMemoryStorage();
  await writeDeviceConfig(storage, config);
  const { records } = await createClient({ storage, fetch, timeoutMs: 10_000 }).getSecrets();
  return records.map((record) => record.data.title);
}

describe('nodeFetchForConfig', () => {
  it('reaches a self-hosted vault whose CA is in the device config', { timeout: 60_000 }, async () => {
    const config = await deviceConfig();
    expect(await titlesWith(config, nodeFetchForConfig(config))).toEqual(['Database']);
  });

  it('refuses the same vault without that CA (system roots only)', { timeout: 60_000 }, async () => {
    const config = await deviceConfig();
    const error = await titlesWith(config, createNodeFetch()).catch((caught: unknown) => caught);
    expect(isKsmError(error, 'ERR_NETWORK')).toBe(true);
  });
});
