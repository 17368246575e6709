// End-to-end reads against a real vault process (Node and workerd): binding, secrets, folders, notation, extras.

import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { type ControlledVault, startVault } from '@ksmkit/test-support/vault-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeviceConfig } from '../config/config-storage.js';
import { initializeConfig } from '../config/initialize-config.js';
import { createMemoryStorage } from '../config/memory-storage.js';
import { utf8Decode } from '../encoding/bytes.js';
import { getFieldValue } from '../record/record-fields.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { countingFetch, newDevice } from './client-fixture.test-support.js';
import { createClient } from './index.js';

const slow = { timeout: 120_000 };

describe('client reads against a real vault', () => {
  let vault: ControlledVault;
  beforeAll(async () => {
    vault = await startVault({ seed: CLIENT_SEED });
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });

  it(
    'binds on first use: stores appKey and appOwnerPublicKey, drops clientKey, then returns every record',
    slow,
    async () => {
      const counter = countingFetch();
      const { client, storage } = await newDevice(vault, { fetch: counter.fetch });
      expect((await readDeviceConfig(storage)).appKey).toBeUndefined();
      const result = await client.getSecrets();
      const config = await readDeviceConfig(storage);
      expect(config.appKey?.length).toBe(32);
      expect(config.appOwnerPublicKey?.length).toBe(65);
      expect(config.clientKey).toBeUndefined();
      expect(counter.count('get_secret')).toBe(2);
      const titles = result.records.map((r) => r.data.title).sort();
      expect(titles).toEqual(['Loose', 'Old', 'Postgres', 'Shared Title', 'Stripe']);
      expect(result.appData).toEqual({ title: 'ci', type: 'app' });
      expect(result.stale).toBe(false);
      expect(result.skipped).toEqual([]);
      const postgres = result.records.find((r) => r.data.title === 'Postgres');
      expect(postgres && getFieldValue(postgres.data, 'password')).toBe('s3cr3t!');
      expect(postgres?.folderUid).toBe(vault.seeded.folders.Ops);
      const stripe = result.records.find((r) => r.data.title === 'Stripe');
      expect(stripe?.innerFolderUid).toBe(vault.seeded.folders.Payments);
    },
  );

  it('filters by record UIDs and by folder UIDs, and returns links only when asked', slow, async () => {
    const { client } = await newDevice(vault);
    const byUid = await client.getSecrets({ uids: [vault.seeded.records.Loose as string] });
    expect(byUid.records.map((r) => r.data.title)).toEqual(['Loose']);
    expect(byUid.records[0]?.links).toBeNull();
    const byFolder = await client.getSecrets({ folderUids: [vault.seeded.folders.Archive as string] });
    expect(byFolder.records.map((r) => r.data.title)).toEqual(['Old']);
    const withLinks = await client.getSecrets({ uids: [vault.seeded.records.Loose as string], requestLinks: true });
    expect(withLinks.records[0]?.links).toEqual([]);
  });

  it('finds records by title and resolves notation (UID, title, custom field, file)', slow, async () => {
    const { client } = await newDevice(vault);
    expect((await client.getSecretsByTitle('Shared Title')).map((r) => r.recordUid)).toEqual([
      vault.seeded.records['Shared Title'],
    ]);
    expect(await client.getSecretsByTitle('No such title')).toEqual([]);
    const uid = vault.seeded.records.Postgres as string;
    expect(await client.getNotationResults(`keeper://${uid}/field/password`)).toEqual(['s3cr3t!']);
    expect(await client.getNotationResults('keeper://Postgres/custom_field/Environment')).toEqual(['prod']);
    expect(await client.getNotationResults('Stripe/field/password')).toEqual(['sk_1']);
    const [file] = await client.getNotationResults('keeper://Postgres/file/ca.pem');
    expect(file).toBe('UEVNLUNPTlRFTlQ');
    await rejection(client.getNotationResults('keeper://Nothing/field/password'), 'ERR_NOTATION_RECORD_NOT_FOUND');
  });

  it(
    'lists folders with names and parents, downloads files, computes TOTP codes and reports app info',
    slow,
    async () => {
      const { client } = await newDevice(vault);
      const { folders, stale } = await client.getFolders();
      expect(stale).toBe(false);
      const byName = new Map(folders.map((f) => [f.name, f]));
      expect(byName.get('Ops')?.parentUid).toBeNull();
      expect(byName.get('Payments')?.parentUid).toBe(vault.seeded.folders.Ops);
      expect(byName.get('Archive')?.folderUid).toBe(vault.seeded.folders.Archive);
      const [postgres] = await client.getSecretsByTitle('Postgres');
      const file = postgres?.files[0];
      expect(file?.metadata.name).toBe('ca.pem');
      if (file === undefined) throw new Error('no file');
      expect(utf8Decode(await client.downloadFile(file))).toBe('PEM-CONTENT');
      await rejection(client.downloadThumbnail(file), 'ERR_NOT_FOUND');
      const totp = await client.getTotpCode(postgres as NonNullable<typeof postgres>, 59);
      expect(totp).toEqual({ code: '94287082', timeLeft: 1, period: 30 });
      const info = await client.getAppInfo();
      expect(info).toMatchObject({ title: 'ci', type: 'app', expiresOn: null, warnings: [] });
      expect(client.generatePassword({ length: 20 })).toHaveLength(20);
    },
  );

  it('keeps two clients in one runtime independent', slow, async () => {
    const a = await newDevice(vault);
    const b = await newDevice(vault);
    const [ra, rb] = await Promise.all([a.client.getSecrets(), b.client.getSecrets()]);
    expect(ra.records.length).toBe(rb.records.length);
    const [ca, cb] = await Promise.all([readDeviceConfig(a.storage), readDeviceConfig(b.storage)]);
    expect(ca.clientId).not.toBe(cb.clientId);
    expect(ca.appKey).toEqual(cb.appKey);
  });

  it('coalesces identical concurrent reads and serves repeats from the TTL cache', slow, async () => {
    let now = 1_000;
    const counter = countingFetch();
    const { client } = await newDevice(vault, { fetch: counter.fetch, cache: { ttlMs: 5_000 }, clock: () => now });
    await client.getSecrets();
    const before = counter.count('get_secret');
    await Promise.all([client.getSecrets(), client.getSecrets(), client.getSecrets()]);
    expect(counter.count('get_secret')).toBe(before);
    now += 6_000;
    await Promise.all([client.getSecrets(), client.getSecrets()]);
    expect(counter.count('get_secret')).toBe(before + 1);
  });

  it('refuses a used one-time token and a removed device with typed errors', slow, async () => {
    const first = await newDevice(vault);
    await first.client.getSecrets();
    const storage = createMemoryStorage();
    await initializeConfig(storage, first.token, {
      hostname: vault.url,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: vault.serverPublicKeyId,
    });
    const reuse = await rejection(createClient({ storage }).getSecrets(), 'ERR_TOKEN_USED');
    expect(reuse.details).toMatchObject({ status: 403, serverCode: 'token_used', endpoint: 'get_secret' });
    expect(reuse.message).toContain('ask the owner for a new one');

    await vault.admin(['client', 'remove', first.clientId]);
    const removed = await rejection(first.client.getSecrets(), 'ERR_DEVICE_REMOVED');
    expect(removed.details).toMatchObject({ status: 403, serverCode: 'device_removed' });
  });

  it('refuses an expired one-time token and a device whose access expired', slow, async () => {
    const lapsed = await newDevice(vault, {}, ['--first-access-expires-in-min', '0.001']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const token = await rejection(lapsed.client.getSecrets(), 'ERR_TOKEN_EXPIRED');
    expect(token.details).toMatchObject({ status: 403, serverCode: 'token_expired' });

    const shortLived = await newDevice(vault, {}, ['--access-expire-in-min', '0.01']);
    await shortLived.client.getSecrets();
    await new Promise((resolve) => setTimeout(resolve, 900));
    const expired = await rejection(shortLived.client.getSecrets(), 'ERR_DEVICE_EXPIRED');
    expect(expired.details).toMatchObject({ status: 403, serverCode: 'device_expired' });
  });
});
