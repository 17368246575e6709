// Load from official-SDK devices against a real vault: bind the devices, then run closed loops of get_secret.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import * as ksm from '@keeper-security/secrets-manager-core';
import type { TestVault } from '@ksmkit/test-support';

/** What a set of closed loops measured: latencies (sorted, ms), failed calls and wall seconds. */
export interface LoopResult {
  readonly latencies: readonly number[];
  readonly errors: number;
  readonly seconds: number;
}

/**
 * Trusts the vault's CA with a keep-alive agent, binds one official-SDK device per token, and checks that each sees
 * `records` records (when given).
 *
 * @example
 * const devices = await bindOfficialDevices(vault, tokens, 100);
 */
export async function bindOfficialDevices(
  vault: TestVault,
  tokens: readonly string[],
  records?: number,
): Promise<ksm.SecretManagerOptions[]> {
  ksm.setCustomProxyAgent(new Agent({ ca: readFileSync(vault.caCertPath as string), keepAlive: true, maxSockets: 64 }));
  const devices: ksm.SecretManagerOptions[] = [];
  for (const token of tokens) {
    const storage = ksm.inMemoryStorage({});
    await ksm.initializeStorage(storage, token, vault.hostname);
    const options = {
      storage,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: String(vault.serverPublicKeyId),
    };
    const seen = (await ksm.getSecrets(options)).records.length;
    if (records !== undefined && seen !== records) throw new Error(`expected ${records} records, got ${seen}`);
    devices.push(options);
  }
  return devices;
}

/**
 * One closed loop of `getSecrets` per device; each loop asks `more()` before every call and stops when it is false.
 *
 * @example
 * const { latencies } = await closedLoops(devices, () => performance.now() < end);
 */
export async function closedLoops(
  devices: readonly ksm.SecretManagerOptions[],
  more: () => boolean,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    devices.map(async (options) => {
      while (more()) {
        const t0 = performance.now();
        try {
          await ksm.getSecrets(options);
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { latencies, errors, seconds: (performance.now() - start) / 1000 };
}
