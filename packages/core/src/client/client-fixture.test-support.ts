// Test support (any runtime): the seed used by client tests and a bound-on-first-use client for a vault.
import { initializeConfig } from '../config/initialize-config.js';
import { createMemoryStorage } from '../config/memory-storage.js';
import type { KeyValueStorage } from '../config/storage.js';
import { type ClientOptions, createClient, type FetchFunction, type KsmClient } from './index.js';
import type { ControlledVault } from './vault-control.test-support.js';

/** RFC 6238 test secret ("12345678901234567890") as an otpauth URI. */
export const TOTP_URI =
  'otpauth://totp/ksmkit?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=8&period=30';

/** Folders Ops (editable, with sub-folder Payments) and Archive (read-only), a direct share, a file and a TOTP. */
export const CLIENT_SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        {
          type: 'login',
          title: 'Postgres',
          fields: { login: 'app', password: 's3cr3t!', url: 'postgres://db:5432/app', oneTimeCode: TOTP_URI },
          custom: [{ type: 'text', label: 'Environment', value: 'prod' }],
          notes: 'primary database',
          files: [{ name: 'ca.pem', content: 'PEM-CONTENT' }],
        },
        { type: 'login', title: 'Shared Title', fields: { password: 'one' } },
      ],
      folders: [{ name: 'Payments', records: [{ type: 'login', title: 'Stripe', fields: { password: 'sk_1' } }] }],
    },
    { name: 'Archive', records: [{ type: 'login', title: 'Old', fields: { password: 'old' } }] },
  ],
  records: [{ type: 'login', title: 'Loose', fields: { password: 'loose-pw' } }],
  apps: [
    {
      name: 'ci',
      shares: [{ folder: 'Ops', editable: true }, { folder: 'Archive' }],
      records: [{ record: 'Loose', editable: true }],
    },
  ],
};

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
