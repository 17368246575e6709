// The scenarios against the Vault KV v2 fake, plus what is Vault's own: check-and-set and custom_metadata.
import { describe, expect, it } from 'vitest';
import { countFaults, describeScenarios } from '../../test-support/scenario-suite.js';
import { startVaultFake, type VaultFake } from '../../test-support/vault-fake.js';
import { createVaultProvider } from '../providers/vault.js';

let vault: VaultFake;
let mark = 0;
const writes = (line: string) => line.startsWith('POST /v1/secret/data/');

describeScenarios({
  label: 'Vault KV v2 (fake)',
  async start() {
    vault = await startVaultFake();
    process.env.VAULT_TOKEN = vault.token;
  },
  stop: () => vault.stop(),
  target: () => ({ type: 'vault', address: vault.address, mount: 'secret' }),
  name: (job, key) => `${job}/${key}`,
  value: async (name) => {
    const data = vault.read(name);
    return data === undefined
      ? undefined
      : Object.keys(data).length === 1 && typeof data.value === 'string'
        ? data.value
        : JSON.stringify(data);
  },
  foreign: async (name, value) => vault.put(name, { value }, null),
  edit: async (name, value) => vault.put(name, { value }),
  softDeleted: async (name) => vault.read(name) === undefined && vault.customMetadata(name) !== undefined,
  faults(count, retryAfter, errors) {
    mark = vault.log.length;
    vault.inject({ count, status: 429, retryAfter, match: writes });
    vault.inject({ count: errors, status: 503, match: writes });
  },
  faultCounts: () => countFaults(vault.log.slice(mark), (entry) => writes(entry.request)),
});

describe('the Vault provider', () => {
  it('writes with check-and-set and keeps our tags in custom_metadata', async () => {
    const provider = createVaultProvider({ address: vault.address, token: vault.token });
    const tags = { owner: 'cas', source: 'UID/field/password', hash: 'h1:x' };
    const value = { bytes: new TextEncoder().encode('v1'), binary: false };
    await provider.create('cas/db', value, tags, { restore: false });
    expect(vault.customMetadata('cas/db')).toEqual({
      'ksm-sync:owner': 'cas',
      'ksm-sync:source': 'UID/field/password',
      'ksm-sync:hash': 'h1:x',
    });
    vault.put('cas/db', { value: 'written meanwhile' });
    await expect(provider.update('cas/db', value, tags)).rejects.toMatchObject({ code: 'ERR_VAULT_CAS' });
    expect(vault.read('cas/db')).toEqual({ value: 'written meanwhile' });
  });

  it('stores JSON objects as KV fields and reads them back to the same hash', async () => {
    const provider = createVaultProvider({ address: vault.address, token: vault.token });
    const json = provider.stored?.({ bytes: new TextEncoder().encode('{"password":"p","login":"l"}'), binary: false });
    expect(new TextDecoder().decode(json?.bytes)).toBe('{"login":"l","password":"p"}');
    await provider.create(
      'json/db',
      json ?? { bytes: new Uint8Array(), binary: false },
      { owner: 'j', source: 's', hash: 'h' },
      { restore: false },
    );
    expect(vault.read('json/db')).toEqual({ login: 'l', password: 'p' });
    const hashes = await createVaultProvider({ address: vault.address, token: vault.token }).readHashes(
      ['json/db'],
      (_n, bytes) => new TextDecoder().decode(bytes),
    );
    expect(hashes.get('json/db')).toBe('{"login":"l","password":"p"}');
  });
});
