// End-to-end resilience against real vault processes (Node and workerd): throttling, a vault that goes away.

import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { startVault } from '@ksmkit/test-support/vault-client';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../config/memory-storage.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { newDevice } from './client-fixture.test-support.js';

const slow = { timeout: 120_000 };

describe('client resilience against a real vault', () => {
  it('backs off on throttling with the server retry_after and the injected sleep, then succeeds', slow, async () => {
    const vault = await startVault({ seed: CLIENT_SEED, throttle: { requests: 2, windowSeconds: 1 } });
    try {
      const delays: number[] = [];
      // Waiting for real lets the 1 s window lapse; the recorded delays prove retry_after (2 s ± 25 %) was used.
      const sleep = (ms: number) => {
        delays.push(ms);
        return new Promise<void>((resolve) => setTimeout(resolve, ms));
      };
      const { client } = await newDevice(vault, { sleep, random: () => 0 });
      await client.getSecrets();
      await client.getSecrets();
      const result = await client.getSecrets();
      expect(result.records.length).toBeGreaterThan(0);
      expect(delays).toEqual([1500]);
    } finally {
      await vault.stop();
    }
  });

  it('gives up after 5 throttled retries with ERR_THROTTLED', slow, async () => {
    const vault = await startVault({ seed: CLIENT_SEED, throttle: { requests: 1, windowSeconds: 60 } });
    try {
      const delays: number[] = [];
      const sleep = async (ms: number) => {
        delays.push(ms);
      };
      const { client } = await newDevice(vault, { sleep, random: () => 0.5 });
      await client.getSecrets().catch(() => undefined);
      await client.getFolders();
      delays.length = 0;
      const error = await rejection(client.getFolders(), 'ERR_THROTTLED');
      expect(error.details).toMatchObject({ status: 403, serverCode: 'throttled' });
      expect(delays).toEqual([80_000, 80_000, 80_000, 80_000, 80_000]);
    } finally {
      await vault.stop();
    }
  });

  it(
    'serves the offline cache (stale, decrypted) when the vault stops mid-run; fails clearly without one',
    slow,
    async () => {
      const vault = await startVault({ seed: CLIENT_SEED });
      const offlineCache = createMemoryStorage();
      const sleep = async () => {};
      const cached = await newDevice(vault, { offlineCache, sleep });
      const plain = await newDevice(vault, { sleep });
      const fresh = await cached.client.getSecrets();
      const folders = await cached.client.getFolders();
      await plain.client.getSecrets();
      expect(fresh.stale).toBe(false);
      await vault.stop();

      const stale = await cached.client.getSecrets();
      expect(stale.stale).toBe(true);
      expect(stale.records.map((r) => r.data)).toEqual(fresh.records.map((r) => r.data));
      const staleFolders = await cached.client.getFolders();
      expect(staleFolders.stale).toBe(true);
      expect(staleFolders.folders.map((f) => f.name)).toEqual(folders.folders.map((f) => f.name));
      // A request that was never answered before has nothing cached: the network error comes through.
      await rejection(cached.client.getSecrets({ uids: ['AAAAAAAAAAAAAAAAAAAAAA'] }), 'ERR_NETWORK');
      const error = await rejection(plain.client.getSecrets(), 'ERR_NETWORK');
      expect(error.details.endpoint).toBe('get_secret');
      // Writes are never served from a cache.
      await rejection(cached.client.deleteSecrets(['AAAAAAAAAAAAAAAAAAAAAA']), 'ERR_NETWORK');
    },
  );
});
