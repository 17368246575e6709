// An owner session: the open database, the owner keys, caches of unwrapped keys, and batched writes.
import { dataDirPaths } from '../store/data-dir.js';
import { type Database, openDatabase } from '../store/open-database.js';
import { loadOwnerKeys, type OwnerKeys } from './owner-keys.js';

/** A folder the session knows (created in this session or unwrapped from the database). */
export interface KnownFolder {
  readonly uid: string;
  readonly name: string;
  readonly parentUid: string | null;
  readonly rootUid: string;
  readonly key: Uint8Array<ArrayBuffer>;
}

/** An app the session knows. */
export interface KnownApp {
  readonly uid: string;
  readonly title: string;
  readonly key: Uint8Array<ArrayBuffer>;
}

/** A record key the session knows. */
export interface KnownRecord {
  readonly uid: string;
  readonly title: string;
  readonly key: Uint8Array<ArrayBuffer>;
  readonly folderUid: string | null;
}

/**
 * Everything an admin operation needs. Stateful: `write` runs a synchronous database write at once, or —
 * inside `inBatch` — queues it so that the whole batch commits in one transaction.
 */
export interface OwnerSession {
  readonly dataDir: string;
  readonly db: Database;
  readonly keys: OwnerKeys;
  readonly apps: Map<string, KnownApp>;
  readonly folders: Map<string, KnownFolder>;
  readonly records: Map<string, KnownRecord>;
  /** Records this session could not open (UID → reason without secrets), reported by the commands. */
  readonly unreadable: Map<string, string>;
  /** Queued writes while a batch runs; null otherwise. */
  pending: (() => void)[] | null;
}

/**
 * Opens the database and loads the owner keys of `dataDir` (`ERR_NOT_INITIALIZED` when there is no vault).
 *
 * @example
 * const session = await openOwnerSession(dataDir);
 * try { await createApp(session, { title: 'ci' }); } finally { closeOwnerSession(session); }
 */
export async function openOwnerSession(dataDir: string, options: { ownerDir?: string } = {}): Promise<OwnerSession> {
  const keys = await loadOwnerKeys(dataDir, options.ownerDir);
  const db = openDatabase(dataDirPaths(dataDir).database);
  return {
    dataDir,
    db,
    keys,
    apps: new Map(),
    folders: new Map(),
    records: new Map(),
    unreadable: new Map(),
    pending: null,
  };
}

/**
 * Closes the session's database.
 *
 * @example
 * closeOwnerSession(session);
 */
export function closeOwnerSession(session: OwnerSession): void {
  session.db.close();
}

/**
 * Runs a synchronous write now (in its own transaction) or queues it when a batch is open.
 *
 * @example
 * write(session, () => insertApp(session.db, row));
 */
export function write(session: OwnerSession, fn: () => void): void {
  if (session.pending !== null) session.pending.push(fn);
  else session.db.transaction(fn).immediate();
}

/**
 * Runs `body` with writes queued, then commits them all in one transaction; on any error nothing is written.
 *
 * @example
 * const result = await inBatch(session, async () => { await createFolder(...); await addRecord(...); });
 */
export async function inBatch<T>(session: OwnerSession, body: () => Promise<T>): Promise<T> {
  if (session.pending !== null) return body();
  session.pending = [];
  try {
    const result = await body();
    const queued = session.pending;
    session.pending = null;
    session.db
      .transaction(() => {
        for (const fn of queued) fn();
      })
      .immediate();
    return result;
  } catch (error) {
    session.pending = null;
    // Drop cached keys of things that were never written.
    session.apps.clear();
    session.folders.clear();
    session.records.clear();
    throw error;
  }
}
