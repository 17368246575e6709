// Interop: the unmodified official JS SDK binds, reads, notates, updates, creates and deletes against a real vault.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { base64Decode, base64Encode, base64UrlEncode } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/serve.js';
import { createFixtureVault, type FixtureVault } from './fixture-vault.test-support.js';
import { httpsGet, type SdkDevice, sdkDevice, sdkErrorBody, trustVault } from './sdk.test-support.js';

const slow = { timeout: 60_000 };
const login = (title: string, password: string, notes = '') => ({
  title,
  type: 'login',
  fields: [
    { type: 'login', value: [`${title}-user`] },
    { type: 'password', value: [password] },
  ],
  custom: [{ type: 'text', label: 'Environment', value: [`env-${title}`] }],
  notes,
});

describe('official SDK against the vault', () => {
  let vault: FixtureVault;
  let server: RunningServer;
  let device: SdkDevice;
  const uids: Record<string, string> = {};
  const folders: Record<string, string> = {};
  let deviceToken = '';

  beforeAll(async () => {
    vault = await createFixtureVault({ appTitle: 'interop app' });
    folders.prod = await vault.addFolder('Production');
    folders.payments = await vault.addFolder('Payments', { parentUid: folders.prod });
    folders.staging = await vault.addFolder('Staging', { share: 'read-only' });
    uids.postgres = await vault.addRecord(login('Postgres', 'pg-s3cr3t!', 'primary database'), {
      folderUid: folders.prod,
    });
    uids.stripe = await vault.addRecord(login('Stripe', 'sk_test_123'), { folderUid: folders.payments });
    uids.redis = await vault.addRecord(login('Redis', 'r3d1s-pw'), { folderUid: folders.staging });
    uids.direct = await vault.addRecord(login('Direct', 'direct-pw'), { direct: 'editable' });
    server = await startServer({ dataDir: vault.dataDir, port: 0 });
    trustVault(vault.dataDir);
    const { token } = await vault.addClient();
    deviceToken = token;
    device = await sdkDevice(token, server.hostname, vault.serverKey.publicKeyText);
  });
  afterAll(async () => {
    await server?.close();
    vault?.db.close();
  });

  it('binds with a token and returns every shared record with the owner plaintexts', slow, async () => {
    const secrets = await ksm.getSecrets(device.options);
    expect(secrets.appData).toEqual({ title: 'interop app', type: 'app' });
    expect(await device.storage.getString('appKey')).toBeTruthy();
    expect(await device.storage.getString('clientKey')).toBeUndefined();
    const byTitle = Object.fromEntries(secrets.records.map((r) => [r.data.title, r]));
    expect(Object.keys(byTitle).sort()).toEqual(['Direct', 'Postgres', 'Redis', 'Stripe']);
    expect(byTitle.Postgres?.data.fields[1].value).toEqual(['pg-s3cr3t!']);
    expect(byTitle.Postgres?.data.notes).toBe('primary database');
    expect(byTitle.Stripe?.innerFolderUid).toBe(folders.payments);
    const again = await ksm.getSecrets(device.options);
    expect(again.records).toHaveLength(4);
  });

  it('filters by record and by folder', slow, async () => {
    const one = await ksm.getSecrets(device.options, [uids.stripe as string]);
    expect(one.records.map((r) => r.recordUid)).toEqual([uids.stripe]);
    const staging = await ksm.getSecrets2(device.options, { foldersFilter: [folders.staging as string] });
    expect(staging.records.map((r) => r.data.title)).toEqual(['Redis']);
    const sub = await ksm.getSecrets2(device.options, { foldersFilter: [folders.payments as string] });
    expect(sub.records.map((r) => r.data.title)).toEqual(['Stripe']);
  });

  it('lists folders with names and parents, and resolves notation', slow, async () => {
    const list = await ksm.getFolders(device.options);
    const names = Object.fromEntries(list.map((f) => [f.name, f.parentUid ?? null]));
    expect(names).toEqual({ Production: null, Payments: folders.prod, Staging: null });
    expect(await ksm.getNotationResults(device.options, `${uids.postgres}/field/password`)).toEqual(['pg-s3cr3t!']);
    expect(await ksm.getNotationResults(device.options, 'Stripe/custom_field/Environment')).toEqual(['env-Stripe']);
  });

  it('updates a record, bumps its revision and refuses a stale revision', slow, async () => {
    const [record] = (await ksm.getSecrets(device.options, [uids.postgres as string])).records;
    if (record === undefined) throw new Error('missing record');
    record.data.fields[1].value = ['rotated-pg'];
    await ksm.updateSecret(device.options, record);
    const [after] = (await ksm.getSecrets(device.options, [uids.postgres as string])).records;
    expect(after?.data.fields[1].value).toEqual(['rotated-pg']);
    expect(after?.revision).toBe(record.revision + 1);
    const body = await sdkErrorBody(ksm.updateSecret(device.options, record));
    expect(body.error).toBe('invalid_revision');
  });

  it('stages an update until the transaction is finalized, and rolls one back', slow, async () => {
    const read = async () =>
      (await ksm.getSecrets(device.options, [uids.direct as string])).records[0] as ksm.KeeperRecord;
    const record = await read();
    record.data.fields[1].value = ['staged-pw'];
    await ksm.updateSecret2(device.options, record, { transactionType: ksm.UpdateTransactionType.General });
    expect((await read()).data.fields[1].value).toEqual(['direct-pw']);
    await ksm.completeTransaction(device.options, record.recordUid);
    const committed = await read();
    expect(committed.data.fields[1].value).toEqual(['staged-pw']);
    committed.data.fields[1].value = ['discarded-pw'];
    await ksm.updateSecret2(device.options, committed, { transactionType: ksm.UpdateTransactionType.Rotation });
    await ksm.completeTransaction(device.options, committed.recordUid, true);
    expect((await read()).data.fields[1].value).toEqual(['staged-pw']);
  });

  it('creates records in editable folders only, and deletes them', slow, async () => {
    await ksm.getFolders(device.options); // the SDK needs the folder keys cached (getSecrets with a filter drops them)
    const created = await ksm.createSecret2(
      device.options,
      { folderUid: folders.prod as string, subFolderUid: folders.payments as string },
      login('Created', 'created-pw'),
    );
    const found = (await ksm.getSecrets(device.options, [created])).records[0];
    expect(found?.data.fields[1].value).toEqual(['created-pw']);
    expect(found?.innerFolderUid).toBe(folders.payments);
    await ksm.getFolders(device.options);
    const refused = await sdkErrorBody(
      ksm.createSecret(device.options, folders.staging as string, login('Nope', 'nope-pw')),
    );
    expect(refused.error).toBe('access_denied');
    const deleted = await ksm.deleteSecret(device.options, [created, uids.redis as string]);
    expect(deleted.records).toEqual([
      { recordUid: created, responseCode: 'ok', errorMessage: null },
      expect.objectContaining({ recordUid: uids.redis, responseCode: 'access_denied' }),
    ]);
    expect((await ksm.getSecrets(device.options, [created])).records).toEqual([]);
  });

  it('creates, renames and deletes folders', slow, async () => {
    await ksm.getFolders(device.options);
    const uid = await ksm.createFolder(
      device.options,
      { folderUid: folders.prod as string, subFolderUid: folders.payments as string },
      'Cards',
    );
    await ksm.getFolders(device.options); // caches the new folder's key, which updateFolder encrypts with
    await ksm.updateFolder(device.options, uid, 'Card Processing');
    const list = await ksm.getFolders(device.options);
    expect(list.find((f) => f.folderUid === uid)).toEqual({
      folderUid: uid,
      parentUid: folders.payments,
      name: 'Card Processing',
    });
    await ksm.getFolders(device.options);
    const inside = await ksm.createSecret2(
      device.options,
      { folderUid: folders.prod as string, subFolderUid: uid },
      login('InCards', 'x'),
    );
    const refused = await ksm.deleteFolder(device.options, [uid]);
    expect(refused.folders[0]?.responseCode).toBe('folder_not_empty');
    const forced = await ksm.deleteFolder(device.options, [uid], true);
    expect(forced.folders[0]?.responseCode).toBe('ok');
    expect((await ksm.getFolders(device.options)).some((f) => f.folderUid === uid)).toBe(false);
    expect((await ksm.getSecrets(device.options, [inside])).records).toEqual([]);
  });

  it('uploads a file and downloads it again', slow, async () => {
    const owner = (await ksm.getSecrets(device.options, [uids.postgres as string])).records[0] as ksm.KeeperRecord;
    const content = new TextEncoder().encode('file-content-plaintext-4242');
    const fileUid = await ksm.uploadFile(device.options, owner, {
      name: 'notes.txt',
      title: 'Notes',
      type: 'text/plain',
      data: content,
    });
    const reread = (await ksm.getSecrets(device.options, [uids.postgres as string])).records[0] as ksm.KeeperRecord;
    const file = reread.files?.find((f) => f.fileUid === fileUid);
    expect(file?.data.name).toBe('notes.txt');
    expect(file?.url).toMatch(/^https:\/\//);
    expect(new TextDecoder().decode(await ksm.downloadFile(file as ksm.KeeperFile))).toBe(
      'file-content-plaintext-4242',
    );
    const url = file?.url as string;
    expect((await httpsGet(url, vault.dataDir)).status).toBe(200);
    const tampered = await httpsGet(
      url.replace(/sig=[^&]*/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      vault.dataDir,
    );
    expect(tampered.status).toBe(403);
    expect((await httpsGet(url.replace(/expires=\d+/, 'expires=99999999999999'), vault.dataDir)).status).toBe(403);
    // A stale owner record (read before the upload) is refused: add_file checks the revision.
    const stale = await sdkErrorBody(
      ksm.uploadFile(device.options, owner, { name: 'late.txt', title: 'Late', data: new Uint8Array([1]) }),
    );
    expect(stale.error).toBe('invalid_revision');
    // links2Remove detaches the file (the SDK already dropped it from fileRef).
    await ksm.updateSecret2(device.options, reread, { links2Remove: [fileUid] });
    const after = (await ksm.getSecrets(device.options, [uids.postgres as string])).records[0];
    expect(after?.files ?? []).toEqual([]);
  });

  it('leaves no plaintext, token or key in any database file (zero knowledge)', slow, async () => {
    const texts = [
      'interop app',
      ...['Postgres', 'Stripe', 'Redis', 'Direct', 'Created', 'InCards'].flatMap((t) => [`${t}-user`, `env-${t}`]),
      'Postgres',
      'Stripe',
      'Redis',
      'primary database',
      'pg-s3cr3t!',
      'sk_test_123',
      'r3d1s-pw',
      'direct-pw',
      'rotated-pg',
      'staged-pw',
      'discarded-pw',
      'created-pw',
      'Production',
      'Payments',
      'Staging',
      'Card Processing',
      'file-content-plaintext-4242',
      'notes.txt',
      deviceToken,
    ];
    const keys = [vault.appKey, base64Decode(deviceToken), ...vault.folderKeys.values(), ...vault.recordKeys.values()];
    const needles = [
      ...texts.map((t) => Buffer.from(t, 'utf8')),
      ...keys.flatMap((k) => [Buffer.from(k), Buffer.from(base64Encode(k)), Buffer.from(base64UrlEncode(k))]),
    ];
    const files = readdirSync(vault.dataDir).filter((name) => name.startsWith('vault.db'));
    expect(files).toContain('vault.db');
    let scanned = 0;
    for (const name of files) {
      const content = readFileSync(join(vault.dataDir, name));
      scanned += content.length;
      for (const needle of needles) expect(content.includes(needle), `${name} contains a plaintext or key`).toBe(false);
    }
    expect(scanned).toBeGreaterThan(4096);
    // The scan itself can fail: the ciphertext is really there (the record data of Postgres, for instance).
    const row = vault.db.prepare('SELECT data FROM records WHERE uid = ?').get(uids.postgres) as { data: Uint8Array };
    const all = Buffer.concat(files.map((name) => readFileSync(join(vault.dataDir, name))));
    expect(all.includes(Buffer.from(row.data))).toBe(true);
  });
});
