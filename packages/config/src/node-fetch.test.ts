// Tests of the Node fetch against a real vault over HTTPS: trusted through the config's CA, refused without it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  createMemoryStorage,
  type DeviceConfig,
  isKsmError,
  parseDeviceConfig,
  writeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
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

  it('refuses the same vault without that CA with ERR_TLS and the fix (system roots only)', {
    timeout: 60_000,
  }, async () => {
    const config = await deviceConfig();
    const error = await titlesWith(config, createNodeFetch()).catch((caught: unknown) => caught);
    expect(isKsmError(error, 'ERR_TLS')).toBe(true);
    expect((error as Error).message).toContain('unknown CA');
    expect((error as Error).message).toContain('caCertificate');
  });
});

describe('createNodeFetch connections', () => {
  /** A loopback HTTP server that closes idle keep-alive connections after `keepAliveMs`; counts connections. */
  async function server(keepAliveMs: number) {
    const srv = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    srv.keepAliveTimeout = keepAliveMs;
    let connections = 0;
    srv.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      connections: () => connections,
      close: () =>
        new Promise<void>((resolve) => {
          srv.closeAllConnections();
          srv.close(() => resolve());
        }),
    };
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const body = { method: 'POST', body: new Uint8Array([1]) };

  it('reuses one connection for back-to-back calls', async () => {
    const srv = await server(5_000);
    const fetch = createNodeFetch();
    for (let i = 0; i < 3; i++) expect((await fetch(srv.url, body)).status).toBe(200);
    expect(srv.connections()).toBe(1);
    await srv.close();
  });

  it('drops idle sockets before the server does, and survives the server closing them first', async () => {
    const srv = await server(300);
    const early = createNodeFetch({ idleSocketMs: 100 });
    const late = createNodeFetch({ idleSocketMs: 60_000 });
    for (const fetch of [early, late]) {
      expect((await fetch(srv.url, body)).status).toBe(200);
      await pause(500); // past both the client's and the server's idle limits
      expect((await fetch(srv.url, body)).status).toBe(200);
    }
    expect(srv.connections()).toBe(4);
    await srv.close();
  });
});
