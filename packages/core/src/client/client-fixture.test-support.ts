// Test support (any runtime): a request-counting fetch and a bound-on-first-use client of app `ci` on a vault.

import type { ControlledVault } from '@ksmkit/test-support/vault-client';
import { initializeConfig } from '../config/initialize-config.js';
import { createMemoryStorage } from '../config/memory-storage.js';
import type { KeyValueStorage } from '../config/storage.js';
import { type ClientOptions, createClient, type FetchFunction, type KsmClient } from './index.js';

/**
 * A fetch that counts requests per endpoint (last URL path segment) before passing them on.
 *
 * @example
 * const counter = countingFetch();
 * createClient({ storage, fetch: counter.fetch });
 * counter.count('get_secret');
 */
export function countingFetch(inner: FetchFunction = (url, init) => fetch(url, init)) {
  const counts = new Map<string, number>();
  const wrapped: FetchFunction = (url, init) => {
    const endpoint = url.slice(url.lastIndexOf('/') + 1);
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    return inner(url, init);
  };
  return { fetch: wrapped, count: (endpoint: string) => counts.get(endpoint) ?? 0 };
}

/**
 * A new device of app `ci` on `vault` (fresh one-time token), initialised in memory, and its client.
 *
 * @example
 * const { client, storage } = await newDevice(vault);
 */
export async function newDevice(
  vault: ControlledVault,
  options: Omit<ClientOptions, 'storage'> = {},
  clientArgs: readonly string[] = [],
): Promise<{ client: KsmClient; storage: KeyValueStorage; token: string; clientId: string }> {
  const { token, clientId } = await vault.admin(['client', 'add', '--app', 'ci', ...clientArgs]);
  const storage = createMemoryStorage();
  await initializeConfig(storage, token, {
    hostname: vault.url,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: vault.serverPublicKeyId,
  });
  return { client: createClient({ storage, ...options }), storage, token, clientId };
}
