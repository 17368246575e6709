// Queries of the `folders` table: root shared folders and their sub-folders (ancestors always listed first).
import { blob, blobOrNull } from './bytes.js';
import type { Database } from './open-database.js';

/** One folder. A root shared folder has `parentUid` null, `rootUid === uid` and `rootWrappedKey` null. */
export interface FolderRow {
  readonly uid: string;
  readonly parentUid: string | null;
  readonly rootUid: string;
  /** GCM(ownerKey, folderKey); null for a sub-folder a device created. */
  readonly ownerKey: Uint8Array<ArrayBuffer> | null;
  /** CBC(rootFolderKey, subFolderKey) for sub-folders; null for a root shared folder. */
  readonly rootWrappedKey: Uint8Array<ArrayBuffer> | null;
  /** CBC(folderKey, {"name"}). */
  readonly data: Uint8Array<ArrayBuffer>;
  readonly createdAt: number;
}

interface FolderSqlRow {
  uid: string;
  parent_uid: string | null;
  root_uid: string;
  owner_key: Uint8Array | null;
  root_wrapped_key: Uint8Array | null;
  data: Uint8Array;
  created_at: number;
}

function toFolder(row: FolderSqlRow): FolderRow {
  return {
    uid: row.uid,
    parentUid: row.parent_uid,
    rootUid: row.root_uid,
    ownerKey: blobOrNull(row.owner_key),
    rootWrappedKey: blobOrNull(row.root_wrapped_key),
    data: blob(row.data),
    createdAt: row.created_at,
  };
}

/**
 * Inserts a folder (root shared folder or sub-folder).
 *
 * @example
 * insertFolder(db, { uid, parentUid: null, rootUid: uid, ownerKey, rootWrappedKey: null, data, createdAt: Date.now() });
 */
export function insertFolder(db: Database, folder: FolderRow): void {
  db.prepare(
    'INSERT INTO folders (uid, parent_uid, root_uid, owner_key, root_wrapped_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    folder.uid,
    folder.parentUid,
    folder.rootUid,
    folder.ownerKey,
    folder.rootWrappedKey,
    folder.data,
    folder.createdAt,
  );
}

/**
 * The folder with this UID, or undefined.
 *
 * @example
 * const folder = getFolder(db, request.folderUid);
 */
export function getFolder(db: Database, uid: string): FolderRow | undefined {
  const row = db.prepare('SELECT * FROM folders WHERE uid = ?').get(uid) as FolderSqlRow | undefined;
  return row === undefined ? undefined : toFolder(row);
}

/**
 * Every root shared folder, oldest first.
 *
 * @example
 * const roots = listRootFolders(db);
 */
export function listRootFolders(db: Database): FolderRow[] {
  return (
    db.prepare('SELECT * FROM folders WHERE parent_uid IS NULL ORDER BY created_at, rowid').all() as FolderSqlRow[]
  ).map(toFolder);
}

/**
 * The root shared folder `rootUid` and every sub-folder under it, each folder after its parent
 * (breadth-first by depth, then creation time).
 *
 * @example
 * for (const folder of listFoldersUnderRoot(db, share.targetUid)) emit(folder);
 */
export function listFoldersUnderRoot(db: Database, rootUid: string): FolderRow[] {
  return listFolderTree(db, rootUid);
}

/**
 * `folderUid` and all its descendants, ancestors first (empty when the folder does not exist).
 *
 * @example
 * const uids = listFolderTree(db, subFolderUid).map((f) => f.uid);
 */
export function listFolderTree(db: Database, folderUid: string): FolderRow[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE tree(uid, depth) AS (
         SELECT uid, 0 FROM folders WHERE uid = ?
         UNION ALL SELECT f.uid, tree.depth + 1 FROM folders f JOIN tree ON f.parent_uid = tree.uid)
       SELECT folders.* FROM folders JOIN tree ON folders.uid = tree.uid
       ORDER BY tree.depth, folders.created_at, folders.rowid`,
    )
    .all(folderUid) as FolderSqlRow[];
  return rows.map(toFolder);
}

/**
 * Every folder, each after its parent (roots first).
 *
 * @example
 * const all = listAllFolders(db);
 */
export function listAllFolders(db: Database): FolderRow[] {
  return listRootFolders(db).flatMap((root) => listFolderTree(db, root.uid));
}

/**
 * Replaces a folder's encrypted data (rename); true when the folder exists.
 *
 * @example
 * updateFolderData(db, folderUid, await encryptFolderData(folderKey, { name: 'Ops' }));
 */
export function updateFolderData(db: Database, uid: string, data: Uint8Array): boolean {
  return db.prepare('UPDATE folders SET data = ?, revision = revision + 1 WHERE uid = ?').run(data, uid).changes > 0;
}

/**
 * A folder's revision (1 when created, +1 per rename), or undefined when unknown.
 *
 * @example
 * folderRevision(db, folderUid); // 3
 */
export function folderRevision(db: Database, uid: string): number | undefined {
  return db.prepare('SELECT revision FROM folders WHERE uid = ?').pluck().get(uid) as number | undefined;
}

/**
 * Deletes a folder, its sub-folders, every record inside them (with files and pending updates) and every
 * share of any of them, in one transaction. Returns the UIDs of the deleted folders and records.
 *
 * @example
 * const { folderUids, recordUids } = deleteFolderTree(db, folderUid);
 */
export function deleteFolderTree(db: Database, uid: string): { folderUids: string[]; recordUids: string[] } {
  const run = db.transaction(() => {
    const folderUids = listFolderTree(db, uid).map((folder) => folder.uid);
    if (folderUids.length === 0) return { folderUids, recordUids: [] as string[] };
    const marks = folderUids.map(() => '?').join(', ');
    const recordUids = (
      db
        .prepare(`SELECT uid FROM records WHERE folder_uid IN (${marks}) OR inner_folder_uid IN (${marks})`)
        .all(...folderUids, ...folderUids) as { uid: string }[]
    ).map((row) => row.uid);
    if (recordUids.length > 0) {
      const recordMarks = recordUids.map(() => '?').join(', ');
      db.prepare(`DELETE FROM shares WHERE kind = 'record' AND target_uid IN (${recordMarks})`).run(...recordUids);
      db.prepare(`DELETE FROM records WHERE uid IN (${recordMarks})`).run(...recordUids);
    }
    db.prepare(`DELETE FROM shares WHERE kind = 'folder' AND target_uid IN (${marks})`).run(...folderUids);
    db.prepare('DELETE FROM folders WHERE uid = ?').run(uid);
    return { folderUids, recordUids };
  });
  return run.immediate();
}

/**
 * How many records live directly in or under `folderUid` (its whole sub-tree).
 *
 * @example
 * if (countRecordsInFolderTree(db, uid) > 0 && !force) refuse();
 */
export function countRecordsInFolderTree(db: Database, folderUid: string): number {
  const folderUids = listFolderTree(db, folderUid).map((folder) => folder.uid);
  if (folderUids.length === 0) return 0;
  const marks = folderUids.map(() => '?').join(', ');
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM records WHERE folder_uid IN (${marks}) OR inner_folder_uid IN (${marks})`)
    .get(...folderUids, ...folderUids) as { n: number };
  return row.n;
}
