// Owner operations end to end: what the admin tool writes decrypts in the unmodified official SDK via a real server.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/serve.js';
import { dataDirPaths } from '../store/data-dir.js';
import { isVaultError } from '../store/errors.js';
import { ownerDirPaths } from '../store/owner-dir.js';
import { addRecord } from './add-record.js';
import { createApp, listAppSummaries } from './apps.js';
import { addClients, listClientSummaries, removeClients } from './clients.js';
import { connectionInfo } from './connection.js';
import { createFolder, listFolderSummaries, removeFolder } from './folders.js';
import { initVault } from './init-vault.js';
import { loadOwnerKeys } from './owner-keys.js';
import { getRecordView, listRecordSummaries, readRecordFile } from './read-records.js';
import { closeOwnerSession, type OwnerSession, openOwnerSession } from './session.js';
import { addShare } from './share.js';
import { updateRecord } from './update-record.js';

const slow = { timeout: 60_000 };
const mode = (path: string): number => statSync(path).mode & 0o777;

async function sdkFromToken(
  token: string,
  hostname: string,
  serverPublicKey: string,
): Promise<ksm.SecretManagerOptions> {
  const storage = ksm.inMemoryStorage({});
  await ksm.initializeStorage(storage, token, hostname);
  return { storage, serverPublicKey, serverPublicKeyId: '20' };
}

describe('initVault', () => {
  it('creates every key file 0600 and directories 0700, and refuses to initialise twice', slow, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vault-init-')), 'vault');
    try {
      const result = await initVault(dataDir, { port: 9999 });
      const paths = dataDirPaths(dataDir);
      expect(result).toMatchObject({ created: true, serverPublicKeyId: 20, port: 9999, caCertPath: paths.caCert });
      expect(mode(paths.root)).toBe(0o700);
      expect(mode(paths.tlsDir)).toBe(0o700);
      const owner = ownerDirPaths(dataDir);
      expect(owner.root).toBe(`${dataDir}-owner`);
      expect(mode(owner.root)).toBe(0o700);
      for (const file of [owner.ownerKeys, paths.serverKey, owner.caKey, paths.serverCertKey, paths.settings]) {
        expect([file, mode(file)]).toEqual([file, 0o600]);
      }
      expect(owner.ownerKeys.startsWith(owner.root)).toBe(true);
      expect(owner.caKey.startsWith(owner.root)).toBe(true);
      expect(readFileSync(paths.settings, 'utf8')).not.toContain('ownerPrivateKey');
      await expect(initVault(dataDir)).rejects.toMatchObject({ code: 'ERR_ALREADY_INITIALIZED' });
      expect((await initVault(dataDir, { ifNeeded: true })).created).toBe(false);
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('refuses, with the way out, owner keys left behind by a data directory that was deleted', slow, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vault-orphan-')), 'vault');
    try {
      await initVault(dataDir);
      rmSync(dataDir, { recursive: true });
      const refused = initVault(dataDir, { ifNeeded: true });
      await expect(refused).rejects.toMatchObject({ code: 'ERR_CONFLICT' });
      await expect(refused).rejects.toThrow(/remove .*-owner to start a new vault/);
      rmSync(ownerDirPaths(dataDir).root, { recursive: true });
      expect((await initVault(dataDir, { ifNeeded: true })).created).toBe(true);
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('completes a vault whose earlier init was interrupted, keeping the server key', slow, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vault-half-')), 'vault');
    try {
      await initVault(dataDir);
      const serverKey = readFileSync(dataDirPaths(dataDir).serverKey, 'utf8');
      rmSync(ownerDirPaths(dataDir).ownerKeys);
      rmSync(dataDirPaths(dataDir).tlsDir, { recursive: true });
      expect((await initVault(dataDir)).created).toBe(true);
      expect(readFileSync(dataDirPaths(dataDir).serverKey, 'utf8')).toBe(serverKey);
      expect(await loadOwnerKeys(dataDir)).toBeDefined();
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('fails with ERR_NOT_INITIALIZED and a hint when there is no vault', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vault-empty-'));
    try {
      await loadOwnerKeys(empty);
      expect.unreachable();
    } catch (error) {
      expect(isVaultError(error, 'ERR_NOT_INITIALIZED')).toBe(true);
      expect((error as Error).message).toContain('ksmkit-vault init');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('owner operations against a real server and the official SDK', () => {
  let root: string;
  let dataDir: string;
  let session: OwnerSession;
  let server: RunningServer;
  const uid: Record<string, string> = {};

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vault-owner-'));
    dataDir = join(root, 'vault');
    await initVault(dataDir);
    session = await openOwnerSession(dataDir);
    uid.app = (await createApp(session, { title: 'ci' })).uid;
    uid.prod = (await createFolder(session, { name: 'Production' })).uid;
    uid.payments = (await createFolder(session, { name: 'Payments', parent: 'Production' })).uid;
    uid.staging = (await createFolder(session, { name: 'Staging' })).uid;
    uid.postgres = (
      await addRecord(session, {
        folder: 'Production',
        record: {
          type: 'login',
          title: 'Postgres',
          fields: { login: 'app', password: 's3cr3t!', url: 'postgres://db:5432/app' },
          custom: [{ type: 'text', label: 'Environment', value: 'prod' }],
          notes: 'primary database',
        },
        files: [{ name: 'ca.pem', content: new TextEncoder().encode('-----BEGIN CERT-----') }],
      })
    ).uid;
    uid.stripe = (
      await addRecord(session, {
        folder: 'Production/Payments',
        record: { type: 'login', title: 'Stripe', fields: { password: 'sk_test_123' } },
      })
    ).uid;
    uid.redis = (
      await addRecord(session, {
        folder: 'Staging',
        record: { type: 'login', title: 'Redis', fields: { password: 'r3d1s' } },
      })
    ).uid;
    uid.direct = (
      await addRecord(session, { record: { type: 'login', title: 'Direct', fields: { password: 'd1rect' } } })
    ).uid;
    await addShare(session, { app: 'ci', folder: 'Production', editable: true });
    await addShare(session, { app: 'ci', folder: 'Staging' });
    await addShare(session, { app: 'ci', record: 'Direct' });
    server = await startServer({ dataDir, port: 0 });
    ksm.setCustomProxyAgent(new Agent({ ca: readFileSync(dataDirPaths(dataDir).caCert), keepAlive: false }));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (session !== undefined) closeOwnerSession(session);
    rmSync(root, { recursive: true, force: true });
  });

  it('lists apps, folders and records with decrypted names and no field values', slow, async () => {
    expect(await listAppSummaries(session)).toEqual([
      { uid: uid.app, title: 'ci', folderShares: 2, recordShares: 1, clients: 0 },
    ]);
    const folders = await listFolderSummaries(session);
    expect(folders.map((f) => [f.path, f.records])).toEqual([
      ['Production', 1],
      ['Production/Payments', 1],
      ['Staging', 1],
    ]);
    const records = await listRecordSummaries(session);
    expect(records.map((r) => [r.title, r.folderPath])).toEqual([
      ['Postgres', 'Production'],
      ['Stripe', 'Production/Payments'],
      ['Redis', 'Staging'],
      ['Direct', null],
    ]);
    expect(JSON.stringify(records)).not.toContain('s3cr3t!');
  });

  it('mints a token the official SDK binds with, and the SDK reads what the owner wrote', slow, async () => {
    const connection = await connectionInfo(dataDir, server.hostname);
    const [minted] = await addClients(session, { app: 'ci', name: 'laptop' }, connection);
    const options = await sdkFromToken(minted?.token as string, server.hostname, connection.serverPublicKey);
    const secrets = await ksm.getSecrets(options);
    const byTitle = Object.fromEntries(secrets.records.map((r) => [r.data.title, r]));
    expect(Object.keys(byTitle).sort()).toEqual(['Direct', 'Postgres', 'Redis', 'Stripe']);
    const postgres = byTitle.Postgres as ksm.KeeperRecord;
    expect(postgres.data.notes).toBe('primary database');
    expect(postgres.data.fields.find((f: { type: string }) => f.type === 'password').value).toEqual(['s3cr3t!']);
    expect(postgres.data.custom).toEqual([{ type: 'text', label: 'Environment', value: ['prod'] }]);
    expect(byTitle.Stripe?.innerFolderUid).toBe(uid.payments);
    const file = postgres.files?.[0] as ksm.KeeperFile;
    expect(file.data.name).toBe('ca.pem');
    expect(new TextDecoder().decode(await ksm.downloadFile(file))).toBe('-----BEGIN CERT-----');
    expect((await listClientSummaries(session, { app: 'ci' }))[0]?.status).toBe('bound');

    await updateRecord(session, 'Postgres', { fields: { password: 'r0tated' }, notes: null });
    const [after] = (await ksm.getSecrets(options, [uid.postgres as string])).records;
    expect(after?.data.fields.find((f: { type: string }) => f.type === 'password').value).toEqual(['r0tated']);
    expect(after?.data.notes).toBeUndefined();
    expect(after?.revision).toBe(2);

    const created = await ksm.createSecret(options, uid.prod as string, {
      title: 'From device',
      type: 'login',
      fields: [{ type: 'password', value: ['dev1ce'] }],
      custom: [],
    });
    const view = await getRecordView(session, created);
    expect(view.data.title).toBe('From device');
    expect(view.folderPath).toBe('Production');

    const deviceFolder = await ksm.createFolder(
      options,
      { folderUid: uid.prod as string, subFolderUid: uid.payments as string },
      'Device made',
    );
    const paths = (await listFolderSummaries(session)).map((f) => [f.path, f.uid]);
    expect(paths).toContainEqual(['Production/Payments/Device made', deviceFolder]);
    const [fresh] = (await ksm.getSecrets(options, [created])).records;
    await ksm.uploadFile(options, fresh as ksm.KeeperRecord, {
      name: 'upload.txt',
      title: 'Upload',
      data: new TextEncoder().encode('uploaded by a device'),
    });
    expect(new TextDecoder().decode(await readRecordFile(session, created, 'upload.txt'))).toBe('uploaded by a device');

    await removeClients(session, { refs: ['laptop'], app: 'ci' });
    await expect(ksm.getSecrets(options)).rejects.toThrow(/access_denied|invalid_client/);
  });

  it('reads back attached file content with the owner key', slow, async () => {
    expect(new TextDecoder().decode(await readRecordFile(session, 'Postgres', 'ca.pem'))).toBe('-----BEGIN CERT-----');
  });

  it('produces a pre-bound --config-init config the official SDK uses directly', slow, async () => {
    const connection = await connectionInfo(dataDir, server.hostname);
    const [minted] = await addClients(session, { app: 'ci', configInit: true, unlockIp: true }, connection);
    const config = minted?.config as Record<string, string>;
    expect(Object.keys(config).sort()).toEqual(
      [
        'appKey',
        'appOwnerPublicKey',
        'caCertificate',
        'clientId',
        'hostname',
        'privateKey',
        'serverPublicKey',
        'serverPublicKeyId',
      ].sort(),
    );
    expect(Buffer.from(config.privateKey as string, 'base64')).toHaveLength(138);
    const storage = ksm.loadJsonConfig(Buffer.from(JSON.stringify(config)).toString('base64'));
    const secrets = await ksm.getSecrets({ storage });
    expect(secrets.records.map((r) => r.data.title)).toContain('Redis');
  });

  it('refuses unknown and ambiguous names with a hint', async () => {
    await expect(addShare(session, { app: 'nope', folder: 'Production' })).rejects.toMatchObject({
      code: 'ERR_NOT_FOUND',
    });
    await expect(addShare(session, { app: 'ci', folder: 'Payments' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(createApp(session, { title: 'ci' })).rejects.toMatchObject({ code: 'ERR_CONFLICT' });
  });

  it('removes a folder tree only with force when it holds records', async () => {
    await createFolder(session, { name: 'Temp' });
    await createFolder(session, { name: 'Inner', parent: 'Temp' });
    const { uid: doomed } = await addRecord(session, {
      folder: 'Temp/Inner',
      record: { type: 'login', title: 'Doomed' },
    });
    await expect(removeFolder(session, 'Temp')).rejects.toMatchObject({ code: 'ERR_CONFLICT' });
    const removed = await removeFolder(session, 'Temp', { force: true });
    expect(removed.folderUids).toHaveLength(2);
    expect(removed.recordUids).toEqual([doomed]);
    expect((await listFolderSummaries(session)).map((f) => f.path)).not.toContain('Temp');
  });
});
