// Queries of the `apps` table: applications (their owner-wrapped app key and encrypted app data).
import { blob } from './bytes.js';
import type { Database } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/** One application. */
export interface AppRow {
  readonly uid: string;
  /** GCM(ownerKey, appKey). */
  readonly ownerAppKey: Uint8Array<ArrayBuffer>;
  /** GCM(appKey, {"title","type":"app"}). */
  readonly appData: Uint8Array<ArrayBuffer>;
  readonly createdAt: number;
}

interface AppSqlRow {
  uid: string;
  owner_app_key: Uint8Array;
  app_data: Uint8Array;
  created_at: number;
}

function toApp(row: AppSqlRow): AppRow {
  return { uid: row.uid, ownerAppKey: blob(row.owner_app_key), appData: blob(row.app_data), createdAt: row.created_at };
}

/**
 * Inserts an application.
 *
 * @example
 * insertApp(db, { uid, ownerAppKey, appData, createdAt: Date.now() });
 */
export function insertApp(db: Database, app: AppRow): void {
  db.prepare('INSERT INTO apps (uid, owner_app_key, app_data, created_at) VALUES (?, ?, ?, ?)').run(
    app.uid,
    app.ownerAppKey,
    app.appData,
    app.createdAt,
  );
}

/**
 * The application with this UID, or undefined.
 *
 * @example
 * const app = getApp(db, client.appUid);
 */
export function getApp(db: Database, uid: string): AppRow | undefined {
  const row = cachedStatement(db, 'SELECT * FROM apps WHERE uid = ?').get(uid) as AppSqlRow | undefined;
  return row === undefined ? undefined : toApp(row);
}

/**
 * Every application, oldest first.
 *
 * @example
 * for (const app of listApps(db)) console.log(app.uid);
 */
export function listApps(db: Database): AppRow[] {
  return (db.prepare('SELECT * FROM apps ORDER BY created_at, rowid').all() as AppSqlRow[]).map(toApp);
}

/**
 * Deletes an application with its shares and clients (FK cascade); true when a row was deleted.
 *
 * @example
 * deleteApp(db, appUid);
 */
export function deleteApp(db: Database, uid: string): boolean {
  return db.prepare('DELETE FROM apps WHERE uid = ?').run(uid).changes > 0;
}
