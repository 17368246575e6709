// Queries of the `records` table: encrypted records, their wrapped keys and revisions.
import { blob, blobOrNull } from './bytes.js';
import type { Database } from './open-database.js';

/** One record. `folderUid` is the ROOT shared folder (or null), `innerFolderUid` the sub-folder (or null). */
export interface RecordRow {
  readonly uid: string;
  readonly folderUid: string | null;
  readonly innerFolderUid: string | null;
  /** GCM(rootFolderKey, recordKey); null for a record outside any folder (direct shares only). */
  readonly folderWrappedKey: Uint8Array<ArrayBuffer> | null;
  /** ECIES(ownerPublicKey, recordKey). */
  readonly ownerWrappedKey: Uint8Array<ArrayBuffer>;
  /** GCM(recordKey, record JSON). */
  readonly data: Uint8Array<ArrayBuffer>;
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Inputs of `insertRecord`: a new record starts at revision 1 unless one is given. */
export type NewRecordRow = Omit<RecordRow, 'revision' | 'createdAt' | 'updatedAt'> & {
  readonly revision?: number;
  readonly createdAt?: number;
};

/** Outcome of `updateRecordData`. */
export type UpdateRecordResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'conflict'; readonly currentRevision: number };

interface RecordSqlRow {
  uid: string;
  folder_uid: string | null;
  inner_folder_uid: string | null;
  folder_wrapped_key: Uint8Array | null;
  owner_wrapped_key: Uint8Array;
  data: Uint8Array;
  revision: number;
  created_at: number;
  updated_at: number;
}

function toRecord(row: RecordSqlRow): RecordRow {
  return {
    uid: row.uid,
    folderUid: row.folder_uid,
    innerFolderUid: row.inner_folder_uid,
    folderWrappedKey: blobOrNull(row.folder_wrapped_key),
    ownerWrappedKey: blob(row.owner_wrapped_key),
    data: blob(row.data),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Inserts a record (revision 1 by default) and returns its revision.
 *
 * @example
 * insertRecord(db, { uid, folderUid: rootUid, innerFolderUid: null, folderWrappedKey, ownerWrappedKey, data });
 */
export function insertRecord(db: Database, record: NewRecordRow): number {
  const now = record.createdAt ?? Date.now();
  const revision = record.revision ?? 1;
  db.prepare(
    `INSERT INTO records (uid, folder_uid, inner_folder_uid, folder_wrapped_key, owner_wrapped_key, data, revision, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.uid,
    record.folderUid,
    record.innerFolderUid,
    record.folderWrappedKey,
    record.ownerWrappedKey,
    record.data,
    revision,
    now,
    now,
  );
  return revision;
}

/**
 * The record with this UID, or undefined.
 *
 * @example
 * const record = getRecord(db, request.recordUid);
 */
export function getRecord(db: Database, uid: string): RecordRow | undefined {
  const row = db.prepare('SELECT * FROM records WHERE uid = ?').get(uid) as RecordSqlRow | undefined;
  return row === undefined ? undefined : toRecord(row);
}

/**
 * Records with these UIDs (unknown UIDs are skipped), in creation order.
 *
 * @example
 * const direct = getRecords(db, shares.map((s) => s.targetUid));
 */
export function getRecords(db: Database, uids: readonly string[]): RecordRow[] {
  if (uids.length === 0) return [];
  const marks = uids.map(() => '?').join(', ');
  return (
    db
      .prepare(`SELECT * FROM records WHERE uid IN (${marks}) ORDER BY created_at, rowid`)
      .all(...uids) as RecordSqlRow[]
  ).map(toRecord);
}

/**
 * Every record whose ROOT shared folder is `rootUid` (at its root or in any sub-folder), in creation order.
 *
 * @example
 * const records = listRecordsInRoot(db, share.targetUid);
 */
export function listRecordsInRoot(db: Database, rootUid: string): RecordRow[] {
  return (
    db.prepare('SELECT * FROM records WHERE folder_uid = ? ORDER BY created_at, rowid').all(rootUid) as RecordSqlRow[]
  ).map(toRecord);
}

/**
 * Every record, in creation order.
 *
 * @example
 * const all = listAllRecords(db);
 */
export function listAllRecords(db: Database): RecordRow[] {
  return (db.prepare('SELECT * FROM records ORDER BY created_at, rowid').all() as RecordSqlRow[]).map(toRecord);
}

/**
 * Replaces a record's encrypted data if its revision is still `expectedRevision` (pass `null` to skip the
 * check), bumping the revision by one. Atomic: the check and the write happen in one statement.
 *
 * @example
 * const result = updateRecordData(db, uid, data, request.revision);
 * if (!result.ok && result.reason === 'conflict') throw invalidRevision();
 */
export function updateRecordData(
  db: Database,
  uid: string,
  data: Uint8Array,
  expectedRevision: number | null,
  now: number = Date.now(),
): UpdateRecordResult {
  const run = db.transaction((): UpdateRecordResult => {
    const current = db.prepare('SELECT revision FROM records WHERE uid = ?').get(uid) as
      | { revision: number }
      | undefined;
    if (current === undefined) return { ok: false, reason: 'not_found' };
    if (expectedRevision !== null && current.revision !== expectedRevision) {
      return { ok: false, reason: 'conflict', currentRevision: current.revision };
    }
    const revision = current.revision + 1;
    db.prepare('UPDATE records SET data = ?, revision = ?, updated_at = ? WHERE uid = ?').run(data, revision, now, uid);
    return { ok: true, revision };
  });
  return run.immediate();
}

/**
 * Deletes records with their files, pending updates (FK cascade) and direct shares; returns the UIDs deleted.
 *
 * @example
 * const deleted = new Set(deleteRecords(db, request.recordUids));
 */
export function deleteRecords(db: Database, uids: readonly string[]): string[] {
  const run = db.transaction(() => {
    const deleted: string[] = [];
    const removeShares = db.prepare("DELETE FROM shares WHERE kind = 'record' AND target_uid = ?");
    const removeRecord = db.prepare('DELETE FROM records WHERE uid = ?');
    for (const uid of uids) {
      removeShares.run(uid);
      if (removeRecord.run(uid).changes > 0) deleted.push(uid);
    }
    return deleted;
  });
  return run.immediate();
}
