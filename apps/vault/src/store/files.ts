// Queries of the `files` table: file attachments (wrapped keys, encrypted metadata); contents live in file_chunks.
import { blob } from './bytes.js';
import { type ChunkKind, concatChunks, deleteChunks, hasChunks, writeChunks } from './file-chunks.js';
import type { Database } from './open-database.js';

/** One file attachment, without its content blobs (see `getFileContent`). */
export interface FileRow {
  readonly uid: string;
  readonly recordUid: string;
  /** GCM(recordKey, fileKey). */
  readonly linkKey: Uint8Array<ArrayBuffer>;
  /** GCM(fileKey, metadata JSON). */
  readonly data: Uint8Array<ArrayBuffer>;
  /** ECIES(ownerPublicKey, fileKey). */
  readonly ownerWrappedKey: Uint8Array<ArrayBuffer>;
  /** Size of the ENCRYPTED content in bytes. */
  readonly size: number;
  /** True once the content was uploaded (or stored by the admin tool). */
  readonly hasContent: boolean;
  readonly hasThumbnail: boolean;
  readonly uploadedAt: number | null;
  readonly createdAt: number;
}

/** Inputs of `insertFile`. */
export interface NewFileRow {
  readonly uid: string;
  readonly recordUid: string;
  readonly linkKey: Uint8Array;
  readonly data: Uint8Array;
  readonly ownerWrappedKey: Uint8Array;
  readonly size: number;
  /** Encrypted content when known now (admin path); null until uploaded otherwise. */
  readonly content?: Uint8Array | null;
  readonly thumbnail?: Uint8Array | null;
  readonly createdAt?: number;
}

interface FileSqlRow {
  uid: string;
  record_uid: string;
  link_key: Uint8Array;
  data: Uint8Array;
  owner_wrapped_key: Uint8Array;
  size: number;
  has_content: number;
  has_thumbnail: number;
  uploaded_at: number | null;
  created_at: number;
}

const COLUMNS = `uid, record_uid, link_key, data, owner_wrapped_key, size, uploaded_at IS NOT NULL AS has_content,
  has_thumbnail, uploaded_at, created_at`;

function toFile(row: FileSqlRow): FileRow {
  return {
    uid: row.uid,
    recordUid: row.record_uid,
    linkKey: blob(row.link_key),
    data: blob(row.data),
    ownerWrappedKey: blob(row.owner_wrapped_key),
    size: row.size,
    hasContent: row.has_content === 1,
    hasThumbnail: row.has_thumbnail === 1,
    uploadedAt: row.uploaded_at,
    createdAt: row.created_at,
  };
}

/**
 * Inserts a file attachment (with content when given, e.g. by the admin tool).
 *
 * @example
 * insertFile(db, { uid, recordUid, linkKey, data, ownerWrappedKey, size: blob.length, content: blob });
 */
export function insertFile(db: Database, file: NewFileRow): void {
  const now = file.createdAt ?? Date.now();
  const content = file.content ?? null;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO files (uid, record_uid, link_key, data, owner_wrapped_key, size, has_thumbnail, uploaded_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?)`,
    ).run(file.uid, file.recordUid, file.linkKey, file.data, file.ownerWrappedKey, file.size, now);
    if (content !== null) setFileContent(db, file.uid, content, file.thumbnail ?? null, now);
  })();
}

/**
 * Stores uploaded encrypted content (and optionally a thumbnail); true when the file exists.
 *
 * @example
 * setFileContent(db, fileUid, uploadedBytes);
 */
export function setFileContent(
  db: Database,
  uid: string,
  content: Uint8Array,
  thumbnail: Uint8Array | null = null,
  now: number = Date.now(),
): boolean {
  return db.transaction(() => {
    if (getFile(db, uid) === undefined) return false;
    deleteChunks(db, uid, 'content');
    writeChunks(db, uid, 'content', content);
    if (thumbnail !== null) {
      deleteChunks(db, uid, 'thumbnail');
      writeChunks(db, uid, 'thumbnail', thumbnail);
    }
    markUploaded(db, uid, now);
    return true;
  })();
}

/**
 * Marks a file's content as complete (its chunks are written) and notes whether a thumbnail exists.
 *
 * @example
 * markUploaded(db, fileUid, Date.now());
 */
export function markUploaded(db: Database, uid: string, now: number): void {
  db.prepare('UPDATE files SET uploaded_at = ?, has_thumbnail = ? WHERE uid = ?').run(
    now,
    hasChunks(db, uid, 'thumbnail') ? 1 : 0,
    uid,
  );
}

/**
 * The file with this UID (without content), or undefined.
 *
 * @example
 * const file = getFile(db, fileUid);
 */
export function getFile(db: Database, uid: string): FileRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM files WHERE uid = ?`).get(uid) as FileSqlRow | undefined;
  return row === undefined ? undefined : toFile(row);
}

/**
 * The encrypted content (or thumbnail) of a file; null when not uploaded, undefined when the file is unknown.
 *
 * @example
 * const bytes = getFileContent(db, fileUid);
 */
export function getFileContent(
  db: Database,
  uid: string,
  which: 'content' | 'thumbnail' = 'content',
): Uint8Array<ArrayBuffer> | null | undefined {
  const file = getFile(db, uid);
  if (file === undefined) return undefined;
  const kind: ChunkKind = which;
  if (!file.hasContent || (kind === 'thumbnail' && !file.hasThumbnail)) return null;
  return concatChunks(db, uid, kind);
}

/**
 * The files of these records (all of them when `onlyUploaded` is false), in creation order.
 *
 * @example
 * const files = listFilesForRecords(db, records.map((r) => r.uid));
 */
export function listFilesForRecords(db: Database, recordUids: readonly string[], onlyUploaded = false): FileRow[] {
  if (recordUids.length === 0) return [];
  const marks = recordUids.map(() => '?').join(', ');
  const uploaded = onlyUploaded ? ' AND uploaded_at IS NOT NULL' : '';
  return (
    db
      .prepare(`SELECT ${COLUMNS} FROM files WHERE record_uid IN (${marks})${uploaded} ORDER BY created_at, rowid`)
      .all(...recordUids) as FileSqlRow[]
  ).map(toFile);
}

/**
 * Detaches (deletes) files of a record; returns how many were deleted.
 *
 * @example
 * deleteFiles(db, recordUid, request.links2Remove);
 */
export function deleteFiles(db: Database, recordUid: string, fileUids: readonly string[]): number {
  const remove = db.prepare('DELETE FROM files WHERE record_uid = ? AND uid = ?');
  let count = 0;
  for (const uid of fileUids) count += remove.run(recordUid, uid).changes;
  return count;
}
