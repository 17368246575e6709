// Prepared statements cached per connection: compiling the SQL is most of the cost of a small query.
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './open-database.js';

/** A prepared statement of the vault database. */
export type Statement = BetterSqlite3.Statement<unknown[], unknown>;

const caches = new WeakMap<Database, Map<string, Statement>>();

/**
 * The prepared statement for `sql` on `db`, compiled on first use. It caches the compiled SQL only, never
 * rows: every call reads the database as it is now (SQLite re-prepares it itself after a schema change).
 * Use it only with `.get`, `.all` and `.run`, which finish before they return.
 *
 * @example
 * const row = cachedStatement(db, 'SELECT data FROM apps WHERE uid = ?').get(appUid);
 */
export function cachedStatement(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
