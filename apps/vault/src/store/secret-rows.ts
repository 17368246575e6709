// The rows get_secret renders: an app's records and their uploaded files, each list read by one statement.
import type { Database } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/**
 * A record as get_secret sends it. BLOB fields are the driver's own buffers (no copy): read them, never
 * hand them to Web Crypto or keep them past the request.
 */
export interface SecretRecordRow {
  readonly uid: string;
  readonly innerFolderUid: string | null;
  /** The record key as this app receives it: GCM(rootFolderKey, recordKey) or, direct, GCM(appKey, recordKey). */
  readonly wrappedKey: Uint8Array;
  /** GCM(recordKey, record JSON). */
  readonly data: Uint8Array;
  readonly revision: number;
}

/** A record shared directly with the app, with the share's editability. */
export interface DirectSecretRow extends SecretRecordRow {
  /** 1 when the share is editable, else 0. */
  readonly editable: number;
}

/** An uploaded file of a record (BLOBs as in `SecretRecordRow`). */
export interface SecretFileRow {
  readonly uid: string;
  readonly recordUid: string;
  /** GCM(recordKey, fileKey). */
  readonly linkKey: Uint8Array;
  /** GCM(fileKey, metadata JSON). */
  readonly data: Uint8Array;
  /** 1 when a thumbnail was uploaded, else 0. */
  readonly hasThumbnail: number;
}

const RECORD_COLUMNS = 'uid, inner_folder_uid AS innerFolderUid, folder_wrapped_key AS wrappedKey, data, revision';
const IN_FOLDER = `SELECT ${RECORD_COLUMNS} FROM records WHERE folder_uid = ? AND folder_wrapped_key IS NOT NULL`;
const IN_FOLDER_ALL = `${IN_FOLDER} ORDER BY created_at, rowid`;
const IN_FOLDER_SOME = `${IN_FOLDER} AND uid IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`;

const DIRECT = `SELECT r.uid, r.inner_folder_uid AS innerFolderUid, s.wrapped_key AS wrappedKey, r.data, r.revision,
  s.editable FROM shares s JOIN records r ON r.uid = s.target_uid WHERE s.app_uid = ? AND s.kind = 'record'`;
const DIRECT_ALL = `${DIRECT} ORDER BY r.created_at, r.uid`;
const DIRECT_SOME = `${DIRECT} AND s.target_uid IN (SELECT value FROM json_each(?)) ORDER BY r.created_at, r.uid`;

const UPLOADED_FILES = `SELECT uid, record_uid AS recordUid, link_key AS linkKey, data,
  has_thumbnail AS hasThumbnail FROM files
  WHERE record_uid IN (SELECT value FROM json_each(?)) AND uploaded_at IS NOT NULL ORDER BY created_at, rowid`;

/** Rows of `all` for `key`, or of `some` limited to `onlyUids` (none for an empty list). */
function filteredRows(db: Database, all: string, some: string, key: string, onlyUids: readonly string[] | null) {
  if (onlyUids === null) return cachedStatement(db, all).all(key);
  if (onlyUids.length === 0) return [];
  return cachedStatement(db, some).all(key, JSON.stringify(onlyUids));
}

/**
 * The records of the root shared folder `rootUid` (at its root or in any sub-folder) that carry a folder-wrapped
 * key, in creation order; only those in `onlyUids` when it is given.
 *
 * @example
 * const rows = listFolderSecretRows(db, share.rootUid, payload.requestedRecords ?? null);
 */
export function listFolderSecretRows(
  db: Database,
  rootUid: string,
  onlyUids: readonly string[] | null,
): SecretRecordRow[] {
  return filteredRows(db, IN_FOLDER_ALL, IN_FOLDER_SOME, rootUid, onlyUids) as SecretRecordRow[];
}

/**
 * The records shared directly with the app (the share's wrapped key and editability), in creation order; only
 * those in `onlyUids` when it is given.
 *
 * @example
 * const direct = listDirectSecretRows(db, appUid, null);
 */
export function listDirectSecretRows(
  db: Database,
  appUid: string,
  onlyUids: readonly string[] | null,
): DirectSecretRow[] {
  return filteredRows(db, DIRECT_ALL, DIRECT_SOME, appUid, onlyUids) as DirectSecretRow[];
}

/**
 * The uploaded files of these records, grouped by record UID, each group in creation order.
 *
 * @example
 * const files = listUploadedFiles(db, rows.map((row) => row.uid)).get(recordUid) ?? [];
 */
export function listUploadedFiles(db: Database, recordUids: readonly string[]): Map<string, SecretFileRow[]> {
  const byRecord = new Map<string, SecretFileRow[]>();
  if (recordUids.length === 0) return byRecord;
  const rows = cachedStatement(db, UPLOADED_FILES).all(JSON.stringify(recordUids)) as SecretFileRow[];
  for (const row of rows) {
    const group = byRecord.get(row.recordUid);
    if (group === undefined) byRecord.set(row.recordUid, [row]);
    else group.push(row);
  }
  return byRecord;
}
