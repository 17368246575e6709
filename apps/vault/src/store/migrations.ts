// Schema migrations of vault.db, applied in order; `PRAGMA user_version` records how many have run.

import type BetterSqlite3 from 'better-sqlite3';

/** One migration: SQL, or a function for steps SQL alone does badly (run inside the migration transaction). */
export type Migration = string | ((db: BetterSqlite3.Database) => void);

/** Migration N (1-based) is `MIGRATIONS[N - 1]`; append only, never edit a shipped migration. */
export const MIGRATIONS: readonly Migration[] = [
  `
CREATE TABLE apps (uid TEXT PRIMARY KEY, owner_app_key BLOB NOT NULL, app_data BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE folders (uid TEXT PRIMARY KEY, parent_uid TEXT REFERENCES folders(uid) ON DELETE CASCADE,
  root_uid TEXT NOT NULL, owner_key BLOB, root_wrapped_key BLOB, data BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX folders_root ON folders(root_uid);
CREATE INDEX folders_parent ON folders(parent_uid);
CREATE TABLE records (uid TEXT PRIMARY KEY, folder_uid TEXT REFERENCES folders(uid), inner_folder_uid TEXT REFERENCES folders(uid),
  folder_wrapped_key BLOB, owner_wrapped_key BLOB NOT NULL, data BLOB NOT NULL, revision INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX records_folder ON records(folder_uid);
CREATE INDEX records_inner_folder ON records(inner_folder_uid);
CREATE TABLE pending_updates (record_uid TEXT PRIMARY KEY REFERENCES records(uid) ON DELETE CASCADE,
  data BLOB NOT NULL, revision INTEGER NOT NULL, transaction_type TEXT NOT NULL, links_to_remove TEXT, created_at INTEGER NOT NULL);
CREATE TABLE files (uid TEXT PRIMARY KEY, record_uid TEXT NOT NULL REFERENCES records(uid) ON DELETE CASCADE,
  link_key BLOB NOT NULL, data BLOB NOT NULL, owner_wrapped_key BLOB NOT NULL, size INTEGER NOT NULL,
  content BLOB, thumbnail BLOB, uploaded_at INTEGER, created_at INTEGER NOT NULL);
CREATE INDEX files_record ON files(record_uid);
CREATE TABLE shares (app_uid TEXT NOT NULL REFERENCES apps(uid) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('folder','record')),
  target_uid TEXT NOT NULL, editable INTEGER NOT NULL, wrapped_key BLOB NOT NULL, PRIMARY KEY (app_uid, kind, target_uid));
CREATE INDEX shares_target ON shares(kind, target_uid);
CREATE TABLE clients (client_id TEXT PRIMARY KEY, app_uid TEXT NOT NULL REFERENCES apps(uid) ON DELETE CASCADE,
  name TEXT NOT NULL, encrypted_app_key BLOB, public_key BLOB, locked_ip TEXT, unlock_ip INTEGER NOT NULL,
  token_expires_at INTEGER NOT NULL, access_expire_minutes INTEGER, access_expires_at INTEGER,
  created_at INTEGER NOT NULL, bound_at INTEGER, last_seen_at INTEGER);
CREATE INDEX clients_app ON clients(app_uid);
`,
  // 2: file contents leave the metadata row (every get_secret read through them): chunked in their own table.
  (db) => {
    db.exec(`
CREATE TABLE file_chunks (file_uid TEXT NOT NULL REFERENCES files(uid) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('content','thumbnail')), seq INTEGER NOT NULL, bytes BLOB NOT NULL);
CREATE UNIQUE INDEX file_chunks_key ON file_chunks(file_uid, kind, seq);`);
    // One file at a time (a blob in memory once, during this one-off migration), cut into 1 MiB chunks.
    const insert = db.prepare('INSERT INTO file_chunks (file_uid, kind, seq, bytes) VALUES (?, ?, ?, ?)');
    for (const kind of ['content', 'thumbnail'] as const) {
      const uids = db.prepare(`SELECT uid FROM files WHERE ${kind} IS NOT NULL`).pluck().all() as string[];
      for (const uid of uids) {
        const bytes = db.prepare(`SELECT ${kind} FROM files WHERE uid = ?`).pluck().get(uid) as Uint8Array;
        let seq = 0;
        for (let offset = 0; offset === 0 || offset < bytes.length; offset += 1024 * 1024) {
          insert.run(uid, kind, seq, bytes.subarray(offset, offset + 1024 * 1024));
          seq += 1;
        }
      }
    }
    db.exec(`ALTER TABLE files ADD COLUMN has_thumbnail INTEGER NOT NULL DEFAULT 0;
UPDATE files SET has_thumbnail = 1 WHERE thumbnail IS NOT NULL;
UPDATE files SET uploaded_at = created_at WHERE content IS NOT NULL AND uploaded_at IS NULL;
UPDATE files SET uploaded_at = NULL WHERE content IS NULL;
ALTER TABLE files DROP COLUMN content;
ALTER TABLE files DROP COLUMN thumbnail;
DROP INDEX files_record;
CREATE INDEX files_record ON files(record_uid, created_at);`);
  },
  // 3: folders get a revision (bumped by every rename), so a stale or replayed update_folder can be refused;
  // removed devices leave their clientId (a hash, no secret) so the server can say "removed", not "unknown".
  `
ALTER TABLE folders ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
DROP INDEX records_folder;
CREATE INDEX records_folder ON records(folder_uid, created_at);
CREATE TABLE removed_clients (client_id TEXT PRIMARY KEY, removed_at INTEGER NOT NULL);
CREATE TRIGGER clients_removed AFTER DELETE ON clients BEGIN
  INSERT OR REPLACE INTO removed_clients (client_id, removed_at) VALUES (old.client_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
CREATE TRIGGER clients_readded AFTER INSERT ON clients BEGIN
  DELETE FROM removed_clients WHERE client_id = new.client_id;
END;
`,
];
