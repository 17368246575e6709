// Test support: a real ksmkit-vault with seeded records, and device configs (JSON, with the vault's CA) for clients and the binary.
import { readFileSync } from 'node:fs';
import { createNodeClient } from '@ksmkit/config';
import { createMemoryStorage, type KsmClient, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';

/** A started vault with a way to mint clients of its `sync` app. */
export interface KeeperFixture {
  readonly vault: TestVault;
  /** A fresh device config of app `sync`, as JSON text (what KSM_CONFIG takes, base64-encoded). */
  deviceConfig(): Promise<string>;
  /** A client of app `sync` made the way the binary makes it (createNodeClient). */
  client(): Promise<KsmClient>;
  stop(): Promise<void>;
}

/**
 * Starts a vault seeded with `seed` (its apps should include one named `sync`).
 *
 * @example
 * const keeper = await startKeeper(SEED);
 * const client = await keeper.client();
 */
export async function startKeeper(seed: Record<string, unknown>): Promise<KeeperFixture> {
  const vault = await startTestVault({ seed });
  const ca = vault.caCertPath === null ? undefined : readFileSync(vault.caCertPath, 'utf8');
  const deviceConfig = async () => {
    const minted = await vault.admin(['client', 'add', '--app', 'sync', '--config-init', 'json']);
    return JSON.stringify({ ...minted.config, ...(ca !== undefined ? { caCertificate: ca } : {}) });
  };
  return {
    vault,
    deviceConfig,
    async client() {
      const storage = createMemoryStorage();
      await writeDeviceConfig(storage, await parseDeviceConfig(await deviceConfig()));
      return (await createNodeClient({ storage })).client;
    },
    stop: () => vault.stop(),
  };
}
