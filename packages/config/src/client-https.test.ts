// Node: the client over HTTPS against a real vault process, trusting only the vault's CA (createNodeFetch).
import { readFileSync } from 'node:fs';
import {
  type ClientOptions,
  createClient,
  createMemoryStorage,
  type FetchFunction,
  getFieldValue,
  initializeConfig,
  readDeviceConfig,
  utf8Decode,
  utf8Encode,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { rejection } from '@ksmkit/test-support/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch } from './node-fetch.js';

const slow = { timeout: 120_000 };

describe('client over HTTPS (Node)', () => {
  let vault: TestVault;
  let ca: string;
  beforeAll(async () => {
    vault = await startTestVault({ seed: CLIENT_SEED });
    ca = readFileSync(vault.caCertPath as string, 'utf8');
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });

  async function device(options: Omit<ClientOptions, 'storage'>) {
    const { token } = await vault.admin(['client', 'add', '--app', 'ci']);
    const storage = createMemoryStorage();
    await initializeConfig(storage, token, {
      hostname: vault.hostname,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: vault.serverPublicKeyId,
      caCertificate: ca,
    });
    return { storage, client: createClient({ storage, ...options }) };
  }

  it('binds, reads, creates a record and round-trips a file over https', slow, async () => {
    const { client, storage } = await device({ fetch: createNodeFetch({ ca }) });
    const { records } = await client.getSecrets();
    expect((await readDeviceConfig(storage)).hostname).toBe(vault.hostname);
    const postgres = records.find((r) => r.data.title === 'Postgres');
    expect(postgres && getFieldValue(postgres.data, 'password')).toBe('s3cr3t!');
    const uid = await client.createSecret({
      folderUid: vault.seeded.folders.Ops as string,
      data: { title: 'Over TLS', type: 'login', fields: [] },
    });
    const [created] = (await client.getSecrets({ uids: [uid] })).records;
    if (created === undefined) throw new Error('not created');
    const fileUid = await client.uploadFile(created, { name: 'tls.txt', content: utf8Encode('over tls') });
    const file = (await client.getSecrets({ uids: [uid] })).records[0]?.files.find((f) => f.fileUid === fileUid);
    expect(file?.url?.startsWith('https://')).toBe(true);
    if (file === undefined) throw new Error('no file');
    expect(utf8Decode(await client.downloadFile(file))).toBe('over tls');
  });

  it('fails with ERR_TLS, naming the fix, when the CA is not trusted', slow, async () => {
    const { client } = await device({ fetch: createNodeFetch(), sleep: async () => {} });
    const error = await rejection(client.getSecrets(), 'ERR_TLS');
    expect(error.message).toContain('unknown CA');
    expect(error.message).toContain('--ca-cert');
  });

  it('refuses a device used from another address than the one it was locked to (ERR_IP_LOCKED)', slow, async () => {
    let localAddress = '127.0.0.1';
    const fetch: FetchFunction = (url, init) => createNodeFetch({ ca, localAddress })(url, init);
    const { client } = await device({ fetch });
    await client.getSecrets();
    localAddress = '127.0.0.2';
    const error = await rejection(client.getSecrets(), 'ERR_IP_LOCKED');
    expect(error.details).toMatchObject({ status: 403, serverCode: 'device_ip_locked' });
    expect(error.message).toContain('--unlock-ip');
  });
});
