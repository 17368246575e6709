// Queries of `file_chunks`: a file's encrypted content (or thumbnail) in 1 MiB rows, written and read piecewise.
import { blob } from './bytes.js';
import type { Database } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/** Which blob of a file a chunk belongs to. */
export type ChunkKind = 'content' | 'thumbnail';

/** Size of one stored chunk (the last one of a blob may be shorter). */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Appends one chunk (sequence number `seq`) of a file's blob.
 *
 * @example
 * appendChunk(db, fileUid, 'content', 0, bytes);
 */
export function appendChunk(db: Database, fileUid: string, kind: ChunkKind, seq: number, bytes: Uint8Array): void {
  cachedStatement(db, 'INSERT INTO file_chunks (file_uid, kind, seq, bytes) VALUES (?, ?, ?, ?)').run(
    fileUid,
    kind,
    seq,
    bytes,
  );
}

/**
 * Stores a whole blob as consecutive chunks (an empty blob is one empty chunk).
 *
 * @example
 * writeChunks(db, fileUid, 'content', encrypted);
 */
export function writeChunks(db: Database, fileUid: string, kind: ChunkKind, bytes: Uint8Array): void {
  let seq = 0;
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += CHUNK_BYTES) {
    appendChunk(db, fileUid, kind, seq, bytes.subarray(offset, offset + CHUNK_BYTES));
    seq += 1;
  }
}

/**
 * Deletes the chunks of a file's blob (e.g. of an upload that failed half-way).
 *
 * @example
 * deleteChunks(db, fileUid, 'content');
 */
export function deleteChunks(db: Database, fileUid: string, kind: ChunkKind): void {
  cachedStatement(db, 'DELETE FROM file_chunks WHERE file_uid = ? AND kind = ?').run(fileUid, kind);
}

/**
 * True when the blob has at least one chunk.
 *
 * @example
 * hasChunks(db, fileUid, 'thumbnail');
 */
export function hasChunks(db: Database, fileUid: string, kind: ChunkKind): boolean {
  return (
    cachedStatement(db, 'SELECT 1 FROM file_chunks WHERE file_uid = ? AND kind = ? LIMIT 1').get(fileUid, kind) !==
    undefined
  );
}

/**
 * Chunk `seq` of a blob (a copy), or undefined past the end.
 *
 * @example
 * const first = readChunk(db, fileUid, 'content', 0);
 */
export function readChunk(
  db: Database,
  fileUid: string,
  kind: ChunkKind,
  seq: number,
): Uint8Array<ArrayBuffer> | undefined {
  const row = cachedStatement(db, 'SELECT bytes FROM file_chunks WHERE file_uid = ? AND kind = ? AND seq = ?').get(
    fileUid,
    kind,
    seq,
  ) as { bytes: Uint8Array } | undefined;
  return row === undefined ? undefined : blob(row.bytes);
}

/**
 * The whole blob in one buffer (admin paths and tests; the server streams chunk by chunk).
 *
 * @example
 * const content = concatChunks(db, fileUid, 'content');
 */
export function concatChunks(db: Database, fileUid: string, kind: ChunkKind): Uint8Array<ArrayBuffer> {
  const rows = cachedStatement(db, 'SELECT bytes FROM file_chunks WHERE file_uid = ? AND kind = ? ORDER BY seq').all(
    fileUid,
    kind,
  ) as { bytes: Uint8Array }[];
  const total = rows.reduce((sum, row) => sum + row.bytes.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const row of rows) {
    out.set(row.bytes, offset);
    offset += row.bytes.length;
  }
  return out;
}
