// Schema migrations of vault.db, applied in order; `PRAGMA user_version` records how many have run.

/** Migration N (1-based) is `MIGRATIONS[N - 1]`; append only, never edit a shipped migration. */
export const MIGRATIONS: readonly string[] = [
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
];
