// Queries of the `pending_updates` table: staged `update_secret` writes awaiting finalize or rollback.
import { blob } from './bytes.js';
import type { Database } from './open-database.js';
import { type UpdateRecordResult, updateRecordData } from './records.js';

/** A staged update of one record (at most one per record; a newer one replaces it). */
export interface PendingUpdateRow {
  readonly recordUid: string;
  /** The new GCM(recordKey, record JSON). */
  readonly data: Uint8Array<ArrayBuffer>;
  /** The revision the client read (checked again at finalize). */
  readonly revision: number;
  readonly transactionType: string;
  /** File UIDs to detach at finalize, or null. */
  readonly linksToRemove: readonly string[] | null;
  readonly createdAt: number;
}

interface PendingSqlRow {
  record_uid: string;
  data: Uint8Array;
  revision: number;
  transaction_type: string;
  links_to_remove: string | null;
  created_at: number;
}

/**
 * Stages an update (replacing an earlier staged update of the same record).
 *
 * @example
 * insertPendingUpdate(db, { recordUid, data, revision, transactionType: 'general', linksToRemove: null, createdAt: Date.now() });
 */
export function insertPendingUpdate(db: Database, update: PendingUpdateRow): void {
  db.prepare(
    `INSERT OR REPLACE INTO pending_updates (record_uid, data, revision, transaction_type, links_to_remove, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    update.recordUid,
    update.data,
    update.revision,
    update.transactionType,
    update.linksToRemove === null ? null : JSON.stringify(update.linksToRemove),
    update.createdAt,
  );
}

/**
 * The staged update of a record, or undefined.
 *
 * @example
 * const pending = getPendingUpdate(db, recordUid);
 */
export function getPendingUpdate(db: Database, recordUid: string): PendingUpdateRow | undefined {
  const row = db.prepare('SELECT * FROM pending_updates WHERE record_uid = ?').get(recordUid) as
    | PendingSqlRow
    | undefined;
  if (row === undefined) return undefined;
  return {
    recordUid: row.record_uid,
    data: blob(row.data),
    revision: row.revision,
    transactionType: row.transaction_type,
    linksToRemove: row.links_to_remove === null ? null : (JSON.parse(row.links_to_remove) as string[]),
    createdAt: row.created_at,
  };
}

/**
 * Commits a staged update in one transaction: revision check + bump, detaches `linksToRemove` files, drops
 * the staged row. Returns `undefined` when nothing is staged; on a conflict the staged row is kept.
 *
 * @example
 * const result = finalizePendingUpdate(db, recordUid);
 */
export function finalizePendingUpdate(db: Database, recordUid: string): UpdateRecordResult | undefined {
  const run = db.transaction((): UpdateRecordResult | undefined => {
    const pending = getPendingUpdate(db, recordUid);
    if (pending === undefined) return undefined;
    const result = updateRecordData(db, recordUid, pending.data, pending.revision);
    if (!result.ok) return result;
    if (pending.linksToRemove !== null && pending.linksToRemove.length > 0) {
      const remove = db.prepare('DELETE FROM files WHERE record_uid = ? AND uid = ?');
      for (const fileUid of pending.linksToRemove) remove.run(recordUid, fileUid);
    }
    db.prepare('DELETE FROM pending_updates WHERE record_uid = ?').run(recordUid);
    return result;
  });
  return run.immediate();
}

/**
 * Discards a staged update; true when one existed.
 *
 * @example
 * rollbackPendingUpdate(db, recordUid);
 */
export function rollbackPendingUpdate(db: Database, recordUid: string): boolean {
  return db.prepare('DELETE FROM pending_updates WHERE record_uid = ?').run(recordUid).changes > 0;
}
