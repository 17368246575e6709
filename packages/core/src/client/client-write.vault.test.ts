// End-to-end writes against a real vault process (Node and workerd): records, staged updates, folders, files.

import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { type ControlledVault, startVault } from '@ksmkit/test-support/vault-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { getFieldValue, setFieldValue } from '../record/record-fields.js';
import { setRecordTitle } from '../record/record-title-notes.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { newDevice } from './client-fixture.test-support.js';
import type { KsmClient } from './index.js';

const slow = { timeout: 120_000 };

async function byTitle(client: KsmClient, title: string) {
  const [record] = await client.getSecretsByTitle(title);
  if (record === undefined) throw new Error(`no record ${title}`);
  return record;
}

describe('client writes against a real vault', () => {
  let vault: ControlledVault;
  let client: KsmClient;
  beforeAll(async () => {
    vault = await startVault({ seed: CLIENT_SEED });
    client = (await newDevice(vault)).client;
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });

  it('creates records in a shared folder and in a sub-folder; the owner can read them', slow, async () => {
    const ops = vault.seeded.folders.Ops as string;
    const payments = vault.seeded.folders.Payments as string;
    const data = { title: 'Created', type: 'login', fields: [{ type: 'password', value: ['new-pw'] }] };
    const uid = await client.createSecret({ folderUid: ops, data });
    const inner = await client.createSecret({ folderUid: payments, data: { ...data, title: 'Inner' } });
    const { records } = await client.getSecrets({ uids: [uid, inner] });
    const created = records.find((r) => r.recordUid === uid);
    expect(created && getFieldValue(created.data, 'password')).toBe('new-pw');
    expect(created?.folderUid).toBe(ops);
    expect(records.find((r) => r.recordUid === inner)?.innerFolderUid).toBe(payments);
    const owner = await vault.admin(['record', 'get', uid]);
    expect(JSON.stringify(owner)).toContain('new-pw');
  });

  it('updates a record after getFolders (keys stay on the record) and refuses a stale revision', slow, async () => {
    const record = await byTitle(client, 'Shared Title');
    await client.getFolders();
    await client.updateSecret(record, { data: setFieldValue(record.data, 'password', 'two') });
    const updated = await byTitle(client, 'Shared Title');
    expect(getFieldValue(updated.data, 'password')).toBe('two');
    expect(updated.revision).toBeGreaterThan(record.revision);
    const stale = await rejection(client.updateSecret(record, { data: record.data }), 'ERR_REVISION_CONFLICT');
    expect(stale.details.status).toBe(409);
  });

  it('stages an update: invisible until finalized, discarded by rollback', slow, async () => {
    const record = await byTitle(client, 'Stripe');
    await client.updateSecret(record, {
      data: setFieldValue(record.data, 'password', 'sk_2'),
      transactionType: 'general',
    });
    expect(getFieldValue((await byTitle(client, 'Stripe')).data, 'password')).toBe('sk_1');
    await client.completeTransaction(record.recordUid);
    const committed = await byTitle(client, 'Stripe');
    expect(getFieldValue(committed.data, 'password')).toBe('sk_2');
    await client.updateSecret(committed, {
      data: setFieldValue(committed.data, 'password', 'sk_3'),
      transactionType: 'rotation',
    });
    await client.completeTransaction(record.recordUid, { rollback: true });
    expect(getFieldValue((await byTitle(client, 'Stripe')).data, 'password')).toBe('sk_2');
  });

  it('uploads, downloads and detaches a file (links2Remove)', slow, async () => {
    const record = await byTitle(client, 'Loose');
    const content = utf8Encode('attached content');
    const fileUid = await client.uploadFile(record, { name: 'notes.txt', title: 'Notes', type: 'text/plain', content });
    const withFile = await byTitle(client, 'Loose');
    const file = withFile.files.find((f) => f.fileUid === fileUid);
    expect(file?.metadata).toMatchObject({
      name: 'notes.txt',
      title: 'Notes',
      size: content.length,
      type: 'text/plain',
    });
    if (file === undefined) throw new Error('file not attached');
    expect(utf8Decode(await client.downloadFile(file))).toBe('attached content');
    expect(withFile.data.fields.find((f) => f.type === 'fileRef')?.value).toContain(fileUid);
    await client.updateSecret(withFile, { links2Remove: [fileUid] });
    const detached = await byTitle(client, 'Loose');
    expect(detached.files.map((f) => f.fileUid)).not.toContain(fileUid);
    expect(detached.data.fields.find((f) => f.type === 'fileRef')?.value ?? []).not.toContain(fileUid);
  });

  it('creates, renames and deletes folders (nested too)', slow, async () => {
    const ops = vault.seeded.folders.Ops as string;
    const top = await client.createFolder({ parentUid: ops, name: 'Team' });
    const nested = await client.createFolder({ parentUid: top, name: 'Nested' });
    let { folders } = await client.getFolders();
    expect(folders.find((f) => f.folderUid === nested)).toMatchObject({ name: 'Nested', parentUid: top });
    const team = folders.find((f) => f.folderUid === top);
    if (team === undefined) throw new Error('folder not created');
    await client.updateFolder(team, 'Team (renamed)');
    await client.updateFolder(nested, 'Nested (renamed)');
    ({ folders } = await client.getFolders());
    expect(folders.find((f) => f.folderUid === top)?.name).toBe('Team (renamed)');
    expect(folders.find((f) => f.folderUid === nested)?.name).toBe('Nested (renamed)');
    const uid = await client.createSecret({
      folderUid: nested,
      data: { title: 'Deep', type: 'login', fields: [] },
      folders,
    });
    expect((await client.getSecrets({ uids: [uid] })).records[0]?.innerFolderUid).toBe(nested);
    const results = await client.deleteFolders([top], { force: true });
    expect(results).toEqual([{ uid: top, responseCode: 'ok', errorMessage: null }]);
    ({ folders } = await client.getFolders());
    expect(folders.map((f) => f.folderUid)).not.toContain(nested);
  });

  it('deletes records and reports unknown UIDs', slow, async () => {
    const uid = await client.createSecret({
      folderUid: vault.seeded.folders.Ops as string,
      data: { title: 'Doomed', type: 'login', fields: [] },
    });
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    const results = await client.deleteSecrets([uid, unknown]);
    expect(results[0]).toEqual({ uid, responseCode: 'ok', errorMessage: null });
    expect(results[1]?.uid).toBe(unknown);
    expect(results[1]?.responseCode).not.toBe('ok');
    expect((await client.getSecrets({ uids: [uid] })).records).toEqual([]);
  });

  it('refuses writes to a read-only share with ERR_ACCESS_DENIED', slow, async () => {
    const archive = vault.seeded.folders.Archive as string;
    const denied = await rejection(
      client.createSecret({ folderUid: archive, data: { title: 'Nope', type: 'login', fields: [] } }),
      'ERR_ACCESS_DENIED',
    );
    expect(denied.details).toMatchObject({ status: 403, endpoint: 'create_secret' });
    const old = await byTitle(client, 'Old');
    expect(old.isEditable).toBe(false);
    await rejection(client.updateSecret(old, { data: setRecordTitle(old.data, 'Renamed') }), 'ERR_ACCESS_DENIED');
    await rejection(client.createSecret({ folderUid: 'AAAAAAAAAAAAAAAAAAAAAA', data: old.data }), 'ERR_NOT_FOUND');
  });
});
