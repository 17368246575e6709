// What an application may see and edit: its folder shares (root shared folders), record and folder access checks.
import { blob } from '../store/bytes.js';
import type { Database } from '../store/open-database.js';
import { cachedStatement } from '../store/statement-cache.js';
import { protocolError } from './errors.js';

/** A root shared folder shared with the app. */
export interface FolderShare {
  readonly rootUid: string;
  readonly editable: boolean;
  /** GCM(appKey, folderKey). */
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
}

interface ShareSqlRow {
  target_uid: string;
  editable: number;
  wrapped_key: Uint8Array;
}

/**
 * The app's folder shares, in a stable order.
 *
 * @example
 * for (const share of folderShares(db, appUid)) console.log(share.rootUid);
 */
export function folderShares(db: Database, appUid: string): FolderShare[] {
  const rows = cachedStatement(
    db,
    `SELECT s.target_uid, s.editable, s.wrapped_key FROM shares s JOIN folders f ON f.uid = s.target_uid
       WHERE s.app_uid = ? AND s.kind = 'folder' ORDER BY f.created_at, f.uid`,
  ).all(appUid) as ShareSqlRow[];
  return rows.map((row) => ({
    rootUid: row.target_uid,
    editable: row.editable !== 0,
    wrappedKey: blob(row.wrapped_key),
  }));
}

/** A folder the app can reach. */
export interface FolderAccess {
  readonly uid: string;
  readonly parentUid: string | null;
  readonly rootUid: string;
  readonly editable: boolean;
}

/**
 * The folder (root shared folder or sub-folder) if the app reaches it through a folder share.
 *
 * @example
 * const folder = folderAccess(db, appUid, folderUid);
 */
export function folderAccess(db: Database, appUid: string, folderUid: string): FolderAccess | undefined {
  const row = db
    .prepare(
      `SELECT f.uid, f.parent_uid, f.root_uid, s.editable FROM folders f
       JOIN shares s ON s.app_uid = ? AND s.kind = 'folder' AND s.target_uid = f.root_uid WHERE f.uid = ?`,
    )
    .get(appUid, folderUid) as
    | { uid: string; parent_uid: string | null; root_uid: string; editable: number }
    | undefined;
  if (row === undefined) return undefined;
  return { uid: row.uid, parentUid: row.parent_uid, rootUid: row.root_uid, editable: row.editable !== 0 };
}

/**
 * Whether the app can see the record and whether it may edit it (any editable path suffices).
 *
 * @example
 * const access = recordAccess(db, appUid, recordUid); // { editable: true } | undefined
 */
export function recordAccess(db: Database, appUid: string, recordUid: string): { editable: boolean } | undefined {
  const row = db
    .prepare(
      `SELECT MAX(s.editable) AS editable, COUNT(*) AS n FROM records r JOIN shares s ON s.app_uid = ? AND (
         (s.kind = 'record' AND s.target_uid = r.uid) OR (s.kind = 'folder' AND s.target_uid = r.folder_uid))
       WHERE r.uid = ?`,
    )
    .get(appUid, recordUid) as { editable: number | null; n: number };
  return row.n === 0 ? undefined : { editable: row.editable === 1 };
}

/**
 * Throws unless the app may edit the record: unknown → 404 `not_found`, read-only → 403 `access_denied`.
 *
 * @example
 * requireEditableRecord(db, appUid, recordUid);
 */
export function requireEditableRecord(db: Database, appUid: string, recordUid: string): void {
  const access = recordAccess(db, appUid, recordUid);
  if (access === undefined)
    throw protocolError('not_found', 404, 'The record is not shared with this application', {
      resultCode: 'record_uid_not_found',
    });
  if (!access.editable) throw protocolError('access_denied', 403, 'The record is read-only for this application');
}

/**
 * Throws unless the app may write into the folder: unknown → 404 `not_found`, read-only → 403 `access_denied`.
 *
 * @example
 * const folder = requireEditableFolder(db, appUid, folderUid);
 */
export function requireEditableFolder(db: Database, appUid: string, folderUid: string): FolderAccess {
  const folder = folderAccess(db, appUid, folderUid);
  if (folder === undefined)
    throw protocolError('not_found', 404, 'The folder is not shared with this application', {
      resultCode: 'folder_uid_not_found',
    });
  if (!folder.editable) throw protocolError('access_denied', 403, 'The folder is read-only for this application');
  return folder;
}
