// The part of a decrypted record the proxy keeps: plain JSON (no keys), enough for notation, scopes and filtering.
import type { DecryptedRecord, RecordData } from '@ksmkit/core';

/** A record as the proxy caches it (re-encrypted at rest). */
export interface CachedRecord {
  readonly recordUid: string;
  readonly folderUid: string | null;
  readonly innerFolderUid: string | null;
  readonly data: RecordData;
  readonly files: readonly { readonly fileUid: string; readonly metadata: { readonly name?: string } }[];
}

/**
 * Drops the keys and links of a decrypted record, keeping its JSON, place and file metadata.
 *
 * @example
 * const cached = toCachedRecord(records[0]);
 */
export function toCachedRecord(record: DecryptedRecord): CachedRecord {
  return {
    recordUid: record.recordUid,
    folderUid: record.folderUid,
    innerFolderUid: record.innerFolderUid,
    data: record.data,
    files: record.files.map((file) => ({ fileUid: file.fileUid, metadata: file.metadata })),
  };
}
