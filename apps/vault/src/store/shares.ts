// Queries of the `shares` table: which app sees which shared folder or record, read-only or editable.
import { blob } from './bytes.js';
import type { Database } from './open-database.js';

/** What a share points at. */
export type ShareKind = 'folder' | 'record';

/** One share: `wrappedKey` = GCM(appKey, folderKey) for a folder, GCM(appKey, recordKey) for a record. */
export interface ShareRow {
  readonly appUid: string;
  readonly kind: ShareKind;
  /** A ROOT shared folder UID (kind folder) or a record UID (kind record). */
  readonly targetUid: string;
  readonly editable: boolean;
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
}

interface ShareSqlRow {
  app_uid: string;
  kind: ShareKind;
  target_uid: string;
  editable: number;
  wrapped_key: Uint8Array;
}

function toShare(row: ShareSqlRow): ShareRow {
  return {
    appUid: row.app_uid,
    kind: row.kind,
    targetUid: row.target_uid,
    editable: row.editable === 1,
    wrappedKey: blob(row.wrapped_key),
  };
}

/**
 * Adds a share or replaces an existing one (e.g. to change `editable`).
 *
 * @example
 * upsertShare(db, { appUid, kind: 'folder', targetUid: rootUid, editable: true, wrappedKey });
 */
export function upsertShare(db: Database, share: ShareRow): void {
  db.prepare(
    'INSERT OR REPLACE INTO shares (app_uid, kind, target_uid, editable, wrapped_key) VALUES (?, ?, ?, ?, ?)',
  ).run(share.appUid, share.kind, share.targetUid, share.editable ? 1 : 0, share.wrappedKey);
}

/**
 * One share, or undefined.
 *
 * @example
 * const share = getShare(db, appUid, 'folder', record.folderUid);
 */
export function getShare(db: Database, appUid: string, kind: ShareKind, targetUid: string): ShareRow | undefined {
  const row = db
    .prepare('SELECT * FROM shares WHERE app_uid = ? AND kind = ? AND target_uid = ?')
    .get(appUid, kind, targetUid) as ShareSqlRow | undefined;
  return row === undefined ? undefined : toShare(row);
}

/**
 * Removes a share; true when it existed.
 *
 * @example
 * deleteShare(db, appUid, 'record', recordUid);
 */
export function deleteShare(db: Database, appUid: string, kind: ShareKind, targetUid: string): boolean {
  return (
    db.prepare('DELETE FROM shares WHERE app_uid = ? AND kind = ? AND target_uid = ?').run(appUid, kind, targetUid)
      .changes > 0
  );
}

/**
 * Every share of an app: folder shares first (in insertion order), then record shares.
 *
 * @example
 * const folderShares = listSharesForApp(db, appUid).filter((s) => s.kind === 'folder');
 */
export function listSharesForApp(db: Database, appUid: string): ShareRow[] {
  return (
    db.prepare("SELECT * FROM shares WHERE app_uid = ? ORDER BY kind = 'record', rowid").all(appUid) as ShareSqlRow[]
  ).map(toShare);
}

/**
 * Every share of one folder or record (which apps see it).
 *
 * @example
 * const apps = listSharesForTarget(db, 'folder', rootUid).map((s) => s.appUid);
 */
export function listSharesForTarget(db: Database, kind: ShareKind, targetUid: string): ShareRow[] {
  return (
    db
      .prepare('SELECT * FROM shares WHERE kind = ? AND target_uid = ? ORDER BY rowid')
      .all(kind, targetUid) as ShareSqlRow[]
  ).map(toShare);
}
