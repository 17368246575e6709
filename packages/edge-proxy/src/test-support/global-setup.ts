// Vitest globalSetup (Node): a real vault (`--http` on loopback) behind a counting proxy, one bound device of app
// `edge`, and fresh Worker secrets, provided to the workerd tests as bindings.
import { randomBytes } from 'node:crypto';
import {
  createClient,
  createMemoryStorage,
  initializeConfig,
  readDeviceConfig,
  serializeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import type { TestProject } from 'vitest/node';
import { type CountingProxy, startCountingProxy } from './counting-proxy.js';
import { type RecordingUpstream, startRecordingUpstream } from './recording-upstream.js';
import { EDGE_SEED } from './seed.js';

let vault: TestVault | null = null;
let throttledVault: TestVault | null = null;
let proxy: CountingProxy | null = null;
let upstream: RecordingUpstream | null = null;

/**
 * Starts the vault and proxy and provides `edge` (see `EdgeTestContext`).
 *
 * @example
 * // vitest.config.ts: globalSetup: ['src/test-support/global-setup.ts']
 */
async function boundConfig(target: TestVault, hostname: string): Promise<string> {
  const { token } = (await target.admin(['client', 'add', '--app', 'edge'])) as { token: string };
  const storage = createMemoryStorage();
  await initializeConfig(storage, token, {
    hostname,
    serverPublicKey: target.serverPublicKey,
    serverPublicKeyId: target.serverPublicKeyId,
  });
  await createClient({ storage }).getSecrets(); // binds the device: the Worker gets a bound config
  const config = serializeDeviceConfig(await readDeviceConfig(storage), { format: 'json' });
  return Buffer.from(config).toString('base64');
}

export async function setup(project: TestProject): Promise<void> {
  [vault, throttledVault] = await Promise.all([
    startTestVault({ seed: EDGE_SEED, args: ['--http'] }),
    startTestVault({ seed: EDGE_SEED, args: ['--http'], throttle: { requests: 3, windowSeconds: 600 } }),
  ]);
  proxy = await startCountingProxy(vault.url);
  upstream = await startRecordingUpstream();
  const ksmConfig = await boundConfig(vault, proxy.url);
  const throttledConfig = await boundConfig(throttledVault, throttledVault.url);
  proxy.reset();
  project.provide('edge', {
    ksmConfig,
    throttledConfig,
    tokenSecret: randomBytes(32).toString('hex'),
    cacheKey: randomBytes(32).toString('base64'),
    controlUrl: proxy.controlUrl,
    upstreamUrl: upstream.url,
    seeded: vault.seeded,
  });
}

/**
 * Stops the proxy and the vault.
 *
 * @example
 * await teardown();
 */
export async function teardown(): Promise<void> {
  await proxy?.close();
  await upstream?.close();
  upstream = null;
  await vault?.stop();
  await throttledVault?.stop();
  throttledVault = null;
  proxy = null;
  vault = null;
}
