// Tests of the per-table query modules against a real in-memory SQLite database.
import { describe, expect, it } from 'vitest';
import { deleteApp, getApp, insertApp, listApps } from './apps.js';
import {
  bindClient,
  deleteClient,
  getClientById,
  insertClient,
  listClients,
  lockClientIp,
  setClientExpiry,
} from './clients.js';
import { deleteFiles, getFile, getFileContent, insertFile, listFilesForRecords, setFileContent } from './files.js';
import {
  countRecordsInFolderTree,
  deleteFolderTree,
  getFolder,
  insertFolder,
  listFoldersUnderRoot,
} from './folders.js';
import { type Database, openDatabase } from './open-database.js';
import {
  finalizePendingUpdate,
  getPendingUpdate,
  insertPendingUpdate,
  rollbackPendingUpdate,
} from './pending-updates.js';
import { deleteRecords, getRecord, insertRecord, listRecordsInRoot, updateRecordData } from './records.js';
import { deleteShare, getShare, listSharesForApp, upsertShare } from './shares.js';

const bytes = (...values: number[]) => new Uint8Array(values);

function seeded(): Database {
  const db = openDatabase(':memory:');
  insertApp(db, { uid: 'app1', ownerAppKey: bytes(1), appData: bytes(2), createdAt: 1 });
  insertFolder(db, {
    uid: 'root',
    parentUid: null,
    rootUid: 'root',
    ownerKey: bytes(3),
    rootWrappedKey: null,
    data: bytes(4),
    createdAt: 1,
  });
  insertFolder(db, {
    uid: 'sub2',
    parentUid: 'sub1',
    rootUid: 'root',
    ownerKey: null,
    rootWrappedKey: bytes(5),
    data: bytes(6),
    createdAt: 1,
  });
  return db;
}

function seededTree(): Database {
  const db = openDatabase(':memory:');
  insertApp(db, { uid: 'app1', ownerAppKey: bytes(1), appData: bytes(2), createdAt: 1 });
  const folder = (uid: string, parentUid: string | null, createdAt: number) =>
    insertFolder(db, {
      uid,
      parentUid,
      rootUid: 'root',
      ownerKey: null,
      rootWrappedKey: parentUid ? bytes(5) : null,
      data: bytes(6),
      createdAt,
    });
  folder('root', null, 1);
  folder('sub1', 'root', 2);
  folder('sub2', 'sub1', 3);
  folder('side', 'root', 4);
  return db;
}

const record = (uid: string, inner: string | null = null) => ({
  uid,
  folderUid: 'root',
  innerFolderUid: inner,
  folderWrappedKey: bytes(7),
  ownerWrappedKey: bytes(8),
  data: bytes(9),
});

/** A file row attached to `recordUid` with placeholder ciphertext. */
function fileRow(uid: string, recordUid: string, size: number) {
  return { uid, recordUid, linkKey: bytes(1), data: bytes(1), ownerWrappedKey: bytes(1), size };
}

describe('apps', () => {
  it('inserts, reads back as plain Uint8Arrays, lists and deletes with cascades', () => {
    const db = seededTree();
    const app = getApp(db, 'app1');
    expect(app?.ownerAppKey).toEqual(bytes(1));
    expect(Buffer.isBuffer(app?.appData)).toBe(false);
    upsertShare(db, { appUid: 'app1', kind: 'folder', targetUid: 'root', editable: true, wrappedKey: bytes(1) });
    insertClient(db, {
      clientId: 'c1',
      appUid: 'app1',
      name: 'n',
      encryptedAppKey: bytes(1),
      publicKey: null,
      unlockIp: false,
      tokenExpiresAt: 10,
      accessExpireMinutes: null,
      createdAt: 1,
    });
    expect(listApps(db).map((a) => a.uid)).toEqual(['app1']);
    expect(deleteApp(db, 'app1')).toBe(true);
    expect(listSharesForApp(db, 'app1')).toEqual([]);
    expect(getClientById(db, 'c1')).toBeUndefined();
  });
});

describe('folders', () => {
  it('refuses a sub-folder whose parent does not exist', () => {
    expect(() => seeded()).toThrow(/FOREIGN KEY/);
  });

  it('lists a root tree with every folder after its parent', () => {
    const db = seededTree();
    const order = listFoldersUnderRoot(db, 'root').map((f) => f.uid);
    expect(order).toEqual(['root', 'sub1', 'side', 'sub2']);
    expect(getFolder(db, 'sub2')?.parentUid).toBe('sub1');
  });

  it('deletes a sub-tree with its records, files and shares in one go', () => {
    const db = seededTree();
    insertRecord(db, record('r-root'));
    insertRecord(db, record('r-sub2', 'sub2'));
    insertFile(db, {
      uid: 'f1',
      recordUid: 'r-sub2',
      linkKey: bytes(1),
      data: bytes(1),
      ownerWrappedKey: bytes(1),
      size: 1,
    });
    upsertShare(db, { appUid: 'app1', kind: 'record', targetUid: 'r-sub2', editable: false, wrappedKey: bytes(1) });
    expect(countRecordsInFolderTree(db, 'sub1')).toBe(1);
    expect(deleteFolderTree(db, 'sub1')).toEqual({ folderUids: ['sub1', 'sub2'], recordUids: ['r-sub2'] });
    expect(getFolder(db, 'sub2')).toBeUndefined();
    expect(getFile(db, 'f1')).toBeUndefined();
    expect(listSharesForApp(db, 'app1')).toEqual([]);
    expect(getRecord(db, 'r-root')).toBeDefined();
  });
});

describe('records', () => {
  it('starts at revision 1, bumps on update and refuses a stale revision', () => {
    const db = seededTree();
    expect(insertRecord(db, record('r1'))).toBe(1);
    expect(updateRecordData(db, 'r1', bytes(10), 1)).toEqual({ ok: true, revision: 2 });
    expect(updateRecordData(db, 'r1', bytes(11), 1)).toEqual({ ok: false, reason: 'conflict', currentRevision: 2 });
    expect(getRecord(db, 'r1')?.data).toEqual(bytes(10));
    expect(updateRecordData(db, 'nope', bytes(1), null)).toEqual({ ok: false, reason: 'not_found' });
    expect(listRecordsInRoot(db, 'root').map((r) => r.uid)).toEqual(['r1']);
    expect(deleteRecords(db, ['r1', 'nope'])).toEqual(['r1']);
  });
});

describe('pending updates', () => {
  it('finalize applies the staged data, bumps the revision and detaches files; rollback discards', () => {
    const db = seededTree();
    insertRecord(db, record('r1'));
    insertFile(db, fileRow('f1', 'r1', 1));
    insertPendingUpdate(db, {
      recordUid: 'r1',
      data: bytes(20),
      revision: 1,
      transactionType: 'general',
      linksToRemove: ['f1'],
      createdAt: 1,
    });
    expect(getRecord(db, 'r1')?.data).toEqual(bytes(9));
    expect(finalizePendingUpdate(db, 'r1')).toEqual({ ok: true, revision: 2 });
    expect(getRecord(db, 'r1')?.data).toEqual(bytes(20));
    expect(getFile(db, 'f1')).toBeUndefined();
    expect(getPendingUpdate(db, 'r1')).toBeUndefined();
    expect(finalizePendingUpdate(db, 'r1')).toBeUndefined();
    insertPendingUpdate(db, {
      recordUid: 'r1',
      data: bytes(30),
      revision: 2,
      transactionType: 'rotation',
      linksToRemove: null,
      createdAt: 1,
    });
    expect(rollbackPendingUpdate(db, 'r1')).toBe(true);
    expect(getRecord(db, 'r1')?.data).toEqual(bytes(20));
  });

  it('keeps the staged update when its revision went stale', () => {
    const db = seededTree();
    insertRecord(db, record('r1'));
    insertPendingUpdate(db, {
      recordUid: 'r1',
      data: bytes(20),
      revision: 1,
      transactionType: 'general',
      linksToRemove: null,
      createdAt: 1,
    });
    updateRecordData(db, 'r1', bytes(21), 1);
    expect(finalizePendingUpdate(db, 'r1')).toEqual({ ok: false, reason: 'conflict', currentRevision: 2 });
    expect(getPendingUpdate(db, 'r1')).toBeDefined();
  });
});

describe('files', () => {
  it('stores content later, reports it and lists only uploaded files on request', () => {
    const db = seededTree();
    insertRecord(db, record('r1'));
    insertFile(db, fileRow('f1', 'r1', 3));
    expect(getFileContent(db, 'f1')).toBeNull();
    expect(getFileContent(db, 'zz')).toBeUndefined();
    expect(listFilesForRecords(db, ['r1'], true)).toEqual([]);
    expect(setFileContent(db, 'f1', bytes(1, 2, 3))).toBe(true);
    expect(getFileContent(db, 'f1')).toEqual(bytes(1, 2, 3));
    expect(getFile(db, 'f1')?.hasContent).toBe(true);
    expect(listFilesForRecords(db, ['r1'], true).map((f) => f.uid)).toEqual(['f1']);
    expect(deleteFiles(db, 'r1', ['f1'])).toBe(1);
  });
});

describe('shares', () => {
  it('upserts (changing editable), lists folder shares first and deletes', () => {
    const db = seededTree();
    insertRecord(db, record('r1'));
    upsertShare(db, { appUid: 'app1', kind: 'record', targetUid: 'r1', editable: false, wrappedKey: bytes(1) });
    upsertShare(db, { appUid: 'app1', kind: 'folder', targetUid: 'root', editable: false, wrappedKey: bytes(2) });
    upsertShare(db, { appUid: 'app1', kind: 'folder', targetUid: 'root', editable: true, wrappedKey: bytes(2) });
    expect(listSharesForApp(db, 'app1').map((s) => [s.kind, s.editable])).toEqual([
      ['folder', true],
      ['record', false],
    ]);
    expect(getShare(db, 'app1', 'record', 'r1')?.wrappedKey).toEqual(bytes(1));
    expect(deleteShare(db, 'app1', 'record', 'r1')).toBe(true);
    expect(deleteShare(db, 'app1', 'record', 'r1')).toBe(false);
  });
});

describe('clients', () => {
  it('binds once, sets the access expiry from minutes, locks the first IP and deletes', () => {
    const db = seededTree();
    insertClient(db, {
      clientId: 'c1',
      appUid: 'app1',
      name: 'dev',
      encryptedAppKey: bytes(1),
      publicKey: null,
      unlockIp: false,
      tokenExpiresAt: 100,
      accessExpireMinutes: 2,
      createdAt: 1,
    });
    expect(bindClient(db, 'c1', bytes(4, 4), 1000)).toBe(true);
    expect(bindClient(db, 'c1', bytes(4, 5), 1001)).toBe(false);
    const bound = getClientById(db, 'c1');
    expect(bound?.publicKey).toEqual(bytes(4, 4));
    expect(bound?.accessExpiresAt).toBe(1000 + 120_000);
    expect(lockClientIp(db, 'c1', '127.0.0.1')).toBe('127.0.0.1');
    expect(lockClientIp(db, 'c1', '127.0.0.2')).toBe('127.0.0.1');
    expect(setClientExpiry(db, 'c1', { tokenExpiresAt: 5 })).toBe(true);
    expect(getClientById(db, 'c1')?.tokenExpiresAt).toBe(5);
    expect(listClients(db, 'app1').map((c) => c.clientId)).toEqual(['c1']);
    expect(deleteClient(db, 'c1')).toBe(true);
    expect(getClientById(db, 'c1')).toBeUndefined();
  });
});
