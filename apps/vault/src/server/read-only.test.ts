// Every write endpoint against a read-only share (folder and direct record): refused, and nothing changes.
import { base64Encode, generateRecordUid, randomBytes } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPendingUpdate } from '../store/pending-updates.js';
import { createWireHarness, type WireHarness } from './wire-call.test-support.js';

const b64 = (length: number) => base64Encode(randomBytes(length));
const ownerWrapped = () => base64Encode(new Uint8Array([4, ...randomBytes(124)]));

describe('read-only shares', () => {
  let h: WireHarness;
  let device: Awaited<ReturnType<WireHarness['bindDevice']>>;
  const uid: Record<string, string> = {};

  beforeAll(async () => {
    h = await createWireHarness();
    uid.root = await h.vault.addFolder('Read only', { share: 'read-only' });
    uid.sub = await h.vault.addFolder('Inner', { parentUid: uid.root });
    uid.record = await h.vault.addRecord({ title: 'In folder', type: 'login', fields: [] }, { folderUid: uid.sub });
    uid.direct = await h.vault.addRecord({ title: 'Direct', type: 'login', fields: [] }, { direct: 'read-only' });
    insertPendingUpdate(h.vault.db, {
      recordUid: uid.record,
      data: randomBytes(40),
      revision: 1,
      transactionType: 'general',
      linksToRemove: [],
      createdAt: Date.now(),
    });
    device = await h.bindDevice();
  }, 60_000);
  afterAll(() => h?.vault.db.close());

  /** Every table's rows, to prove a refused write changed nothing. */
  function snapshot(): string {
    const tables = ['records', 'folders', 'files', 'pending_updates', 'shares'];
    return JSON.stringify(tables.map((table) => h.vault.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  }

  const refused: Array<[string, string, () => Record<string, unknown>]> = [
    ['update_secret', 'record in a folder', () => ({ recordUid: uid.record, data: b64(40), revision: 1 })],
    ['update_secret', 'direct record', () => ({ recordUid: uid.direct, data: b64(40), revision: 1 })],
    [
      'update_secret',
      'staged',
      () => ({ recordUid: uid.record, data: b64(40), revision: 1, transactionType: 'general' }),
    ],
    ['finalize_secret_update', 'pending update', () => ({ recordUid: uid.record })],
    ['rollback_secret_update', 'pending update', () => ({ recordUid: uid.record })],
    [
      'create_secret',
      'into the folder',
      () => ({
        recordUid: generateRecordUid(),
        folderUid: uid.root,
        subFolderUid: uid.sub,
        recordKey: ownerWrapped(),
        folderKey: b64(60),
        data: b64(40),
      }),
    ],
    [
      'create_folder',
      'inside the folder',
      () => ({ folderUid: generateRecordUid(), sharedFolderUid: uid.root, sharedFolderKey: b64(64), data: b64(48) }),
    ],
    ['update_folder', 'rename of the sub-folder', () => ({ folderUid: uid.sub, data: b64(48) })],
    ['update_folder', 'rename of the shared folder', () => ({ folderUid: uid.root, data: b64(48) })],
    [
      'add_file',
      'on a record in the folder',
      () => ({
        fileRecordUid: generateRecordUid(),
        fileRecordKey: ownerWrapped(),
        fileRecordData: b64(60),
        ownerRecordUid: uid.record,
        ownerRecordData: b64(60),
        ownerRecordRevision: 1,
        linkKey: b64(60),
        fileSize: 10,
      }),
    ],
    [
      'add_file',
      'on a direct record',
      () => ({
        fileRecordUid: generateRecordUid(),
        fileRecordKey: ownerWrapped(),
        fileRecordData: b64(60),
        ownerRecordUid: uid.direct,
        ownerRecordData: b64(60),
        ownerRecordRevision: 1,
        linkKey: b64(60),
        fileSize: 10,
      }),
    ],
  ];

  for (const [endpoint, what, payload] of refused) {
    it(`${endpoint} (${what}) gets 403 access_denied and changes nothing`, async () => {
      const before = snapshot();
      const response = await h.call(device, endpoint, payload());
      expect(response.status).toBe(403);
      expect(response.json.error).toBe('access_denied');
      expect(response.json.message).toMatch(/read-only/);
      expect(snapshot()).toBe(before);
    });
  }

  it('delete_secret answers access_denied per record and deletes nothing', async () => {
    const before = snapshot();
    const response = await h.call(device, 'delete_secret', { recordUids: [uid.record, uid.direct] });
    expect(response.status).toBe(200);
    expect(response.json.records.map((r: { responseCode: string }) => r.responseCode)).toEqual([
      'access_denied',
      'access_denied',
    ]);
    expect(snapshot()).toBe(before);
  });

  it('delete_folder answers access_denied per folder (forced too) and deletes nothing', async () => {
    const before = snapshot();
    const response = await h.call(device, 'delete_folder', { folderUids: [uid.sub, uid.root], forceDeletion: true });
    expect(response.status).toBe(200);
    expect(response.json.folders.map((f: { responseCode: string }) => f.responseCode)).toEqual([
      'access_denied',
      'access_denied',
    ]);
    expect(snapshot()).toBe(before);
  });
});
