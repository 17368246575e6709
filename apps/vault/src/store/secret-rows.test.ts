// Tests of get_secret's read model against a real in-memory SQLite database.
import { describe, expect, it } from 'vitest';
import { insertApp } from './apps.js';
import { insertFile, setFileContent } from './files.js';
import { insertFolder } from './folders.js';
import { type Database, openDatabase } from './open-database.js';
import { insertRecord } from './records.js';
import { listDirectSecretRows, listFolderSecretRows, listUploadedFiles } from './secret-rows.js';
import { upsertShare } from './shares.js';

const bytes = (...values: number[]) => new Uint8Array(values);

function vault(): Database {
  const db = openDatabase(':memory:');
  insertApp(db, { uid: 'app', ownerAppKey: bytes(1), appData: bytes(2), createdAt: 1 });
  for (const uid of ['root', 'other']) {
    insertFolder(db, {
      uid,
      parentUid: null,
      rootUid: uid,
      ownerKey: bytes(3),
      rootWrappedKey: null,
      data: bytes(4),
      createdAt: 1,
    });
  }
  insertFolder(db, {
    uid: 'sub',
    parentUid: 'root',
    rootUid: 'root',
    ownerKey: null,
    rootWrappedKey: bytes(5),
    data: bytes(6),
    createdAt: 2,
  });
  const record = (uid: string, folderUid: string | null, createdAt: number, inner: string | null = null) =>
    insertRecord(db, {
      uid,
      folderUid,
      innerFolderUid: inner,
      folderWrappedKey: folderUid === null ? null : bytes(createdAt, 7),
      ownerWrappedKey: bytes(8),
      data: bytes(createdAt, 9),
      createdAt,
    });
  // Creation order differs from insertion order; ties fall back to insertion order.
  record('r3', 'root', 30);
  record('r1', 'root', 10, 'sub');
  record('r2a', 'root', 20);
  record('r2b', 'root', 20);
  record('elsewhere', 'other', 5);
  record('d2', null, 40);
  record('d1', null, 35);
  upsertShare(db, { appUid: 'app', kind: 'record', targetUid: 'd2', editable: true, wrappedKey: bytes(11) });
  upsertShare(db, { appUid: 'app', kind: 'record', targetUid: 'd1', editable: false, wrappedKey: bytes(12) });
  return db;
}

const plain = (value: Uint8Array) => [...value];

describe('listFolderSecretRows', () => {
  it('lists the records of a root shared folder and its sub-folders in creation order', () => {
    const rows = listFolderSecretRows(vault(), 'root', null);
    expect(rows.map((row) => row.uid)).toEqual(['r1', 'r2a', 'r2b', 'r3']);
    expect(rows[0]).toMatchObject({ innerFolderUid: 'sub', revision: 1 });
    expect(plain(rows[0]?.wrappedKey as Uint8Array)).toEqual([10, 7]);
    expect(plain(rows[0]?.data as Uint8Array)).toEqual([10, 9]);
  });

  it('keeps only the requested UIDs (exact match), in the same order', () => {
    const db = vault();
    expect(listFolderSecretRows(db, 'root', ['r3', 'R1', 'r2b', 'elsewhere', 'r3']).map((row) => row.uid)).toEqual([
      'r2b',
      'r3',
    ]);
    expect(listFolderSecretRows(db, 'root', [])).toEqual([]);
  });

  it('skips records without a folder-wrapped key', () => {
    const db = vault();
    db.prepare('UPDATE records SET folder_wrapped_key = NULL WHERE uid = ?').run('r2a');
    expect(listFolderSecretRows(db, 'root', null).map((row) => row.uid)).toEqual(['r1', 'r2b', 'r3']);
  });
});

describe('listDirectSecretRows', () => {
  it("lists the app's direct shares with the share's key and editability, in creation order", () => {
    const db = vault();
    const rows = listDirectSecretRows(db, 'app', null);
    expect(rows.map((row) => [row.uid, row.editable, plain(row.wrappedKey)])).toEqual([
      ['d1', 0, [12]],
      ['d2', 1, [11]],
    ]);
    expect(listDirectSecretRows(db, 'app', ['d2', 'r1']).map((row) => row.uid)).toEqual(['d2']);
    expect(listDirectSecretRows(db, 'nobody', null)).toEqual([]);
  });
});

describe('listUploadedFiles', () => {
  it('groups uploaded files by record in creation order and flags thumbnails', () => {
    const db = vault();
    const file = (uid: string, recordUid: string, createdAt: number, content: boolean) =>
      insertFile(db, {
        uid,
        recordUid,
        linkKey: bytes(createdAt),
        data: bytes(createdAt, 1),
        ownerWrappedKey: bytes(1),
        size: 1,
        content: content ? bytes(0) : null,
        createdAt,
      });
    file('f2', 'r1', 20, true);
    file('f1', 'r1', 10, true);
    file('pending', 'r1', 5, false);
    file('g1', 'd1', 1, true);
    file('not-asked', 'r3', 1, true);
    setFileContent(db, 'f2', bytes(0), bytes(1));
    const files = listUploadedFiles(db, ['r1', 'd1', 'r1', 'r2a']);
    expect([...files.keys()].sort()).toEqual(['d1', 'r1']);
    expect(files.get('r1')?.map((f) => [f.uid, f.hasThumbnail, plain(f.linkKey), plain(f.data)])).toEqual([
      ['f1', 0, [10], [10, 1]],
      ['f2', 1, [20], [20, 1]],
    ]);
    expect(listUploadedFiles(db, []).size).toBe(0);
  });
});
