// Opens vault.db with the pragmas both processes rely on (WAL, foreign keys, busy timeout) and runs migrations.
import { chmodSync, closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { VaultError } from './errors.js';
import { MIGRATIONS } from './migrations.js';

/** An open vault database (better-sqlite3; synchronous; use `db.transaction(fn)` for multi-row writes). */
export type Database = BetterSqlite3.Database;

/** The WAL is truncated back to this size once checkpointed (a large write otherwise leaves it large until exit). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for the other process's lock before failing (default 10 000). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed, mode 0600) the vault database at `path` (`':memory:'` for tests), sets WAL mode,
 * `foreign_keys`, `synchronous = FULL` and `busy_timeout`, then applies pending migrations in one transaction.
 * Throws `ERR_SCHEMA_TOO_NEW` when the file was written by a newer vault.
 *
 * @example
 * const db = openDatabase(dataDirPaths(dataDir).database);
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  if (path !== ':memory:') createPrivateFile(path);
  const db = new BetterSqlite3(path);
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 10_000)}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the file 0600 if missing and tightens it if wider; SQLite gives -wal and -shm the same mode. */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/**
 * Applies every migration newer than the database's `user_version`, all in one immediate transaction.
 *
 * @example
 * migrate(db); // db.pragma('user_version', { simple: true }) === MIGRATIONS.length
 */
export function migrate(db: Database): void {
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > MIGRATIONS.length) {
      throw new VaultError(
        'ERR_SCHEMA_TOO_NEW',
        `The vault database has schema version ${current}, newer than this ksmkit-vault supports (${MIGRATIONS.length}); upgrade ksmkit-vault`,
        { version: current, supported: MIGRATIONS.length },
      );
    }
    for (let index = current; index < MIGRATIONS.length; index += 1) {
      const migration = MIGRATIONS[index];
      if (typeof migration === 'function') migration(db);
      else db.exec(migration as string);
      db.pragma(`user_version = ${index + 1}`);
    }
  });
  apply.immediate();
}

/**
 * The number of migrations applied to `db`.
 *
 * @example
 * schemaVersion(openDatabase(':memory:')); // 1
 */
export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}
