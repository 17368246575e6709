// Internal: opens many record entries (WebCrypto bursts, or one synchronous pass with a cipher backend) and turns the
// outcomes into decrypted records; failures are reported per item, never thrown.
import type { AesKey } from '../crypto/aes-key.js';
import type { CipherBackend } from '../crypto/cipher-backend.js';
import { KsmError } from '../errors.js';
import type { FileMetadata, RecordData } from '../record/types.js';
import { isObject, stringOrNull, type WrappingKey } from './open-blobs.js';
import { openWithCipher } from './open-records-cipher.js';
import { openWithWebCrypto } from './open-records-webcrypto.js';
import type { DecryptedFile, DecryptedRecord } from './record-types.js';
import { type SkippedItem, skipCode } from './skipped.js';

/** One record entry to open and the key it should be wrapped with. */
export interface RecordJob {
  readonly entry: unknown;
  readonly wrappingKey: WrappingKey;
  /** The shared folder the entry came through (null for top-level records). */
  readonly folderUid: string | null;
  /** KSM-753: the folder key to try when the wrapping key fails (top-level entries naming a returned folder). */
  readonly fallback?: WrappingKey | undefined;
}

/** A record's key and parsed JSON, or why it failed. */
export type OpenedRecord = PromiseSettledResult<{ readonly key: AesKey; readonly data: unknown }>;

/** One file of a record whose key opened: its key and parsed metadata, or why it failed. */
export interface OpenedFile {
  readonly record: number;
  readonly entry: unknown;
  readonly result: PromiseSettledResult<{ readonly key: AesKey; readonly metadata: unknown }>;
}

/** Everything one pass over the jobs produced, before it is checked and shaped. */
export interface OpenedRecords {
  readonly records: readonly OpenedRecord[];
  readonly files: readonly OpenedFile[];
}

/**
 * Opens every job; the result has one entry per job (null where the record was skipped and reported). With a
 * cipher backend the record and file keys are {@link OpaqueAesKey} handles; without one, non-extractable CryptoKeys.
 *
 * @example
 * const records = await openRecords([{ entry, wrappingKey: { key: appKey, raw: appKeyBytes }, folderUid: null }], skipped);
 */
export async function openRecords(
  jobs: readonly RecordJob[],
  skipped: SkippedItem[],
  cipher?: CipherBackend,
): Promise<(DecryptedRecord | null)[]> {
  const uids = jobs.map((job) => (isObject(job.entry) ? stringOrNull(job.entry.recordUid) : null));
  const opened = cipher === undefined ? await openWithWebCrypto(jobs) : openWithCipher(jobs, cipher);
  const files = shapeFiles(opened.files, uids, skipped);

  return jobs.map((job, i) => {
    const result = opened.records[i] as OpenedRecord;
    let reason: unknown;
    if (result.status === 'rejected') reason = result.reason;
    else if (!isObject(result.value.data))
      reason = new KsmError('ERR_INVALID_RECORD', 'Record data is not a JSON object');
    if (result.status === 'rejected' || reason !== undefined) {
      skipped.push({ kind: 'record', uid: uids[i] ?? null, parentUid: job.folderUid, code: skipCode(reason) });
      return null;
    }
    const entry = job.entry as Record<string, unknown>;
    const recordData = result.value.data as RecordData;
    if (!Array.isArray(recordData.fields)) recordData.fields = [];
    return {
      recordUid: uids[i] as string,
      recordKey: result.value.key,
      data: recordData,
      revision: typeof entry.revision === 'number' ? entry.revision : 0,
      isEditable: entry.isEditable === true,
      folderUid: job.folderUid,
      innerFolderUid: stringOrNull(entry.innerFolderUid),
      files: files.get(i) ?? [],
      links: Array.isArray(entry.links) ? entry.links : null,
    };
  });
}

/** Checks each opened file and groups the good ones by record index; the rest are reported. */
function shapeFiles(
  opened: readonly OpenedFile[],
  recordUids: readonly (string | null)[],
  skipped: SkippedItem[],
): Map<number, DecryptedFile[]> {
  const byRecord = new Map<number, DecryptedFile[]>();
  for (const { record, entry, result } of opened) {
    const fileUid = isObject(entry) ? stringOrNull(entry.fileUid) : null;
    if (result.status === 'rejected' || !isObject(result.value.metadata) || !isObject(entry)) {
      const reason = result.status === 'rejected' ? result.reason : new KsmError('ERR_INVALID_RECORD', 'bad metadata');
      skipped.push({ kind: 'file', uid: fileUid, parentUid: recordUids[record] ?? null, code: skipCode(reason) });
      continue;
    }
    const list = byRecord.get(record) ?? [];
    list.push({
      fileUid: fileUid as string,
      fileKey: result.value.key,
      metadata: result.value.metadata as FileMetadata,
      url: stringOrNull(entry.url),
      thumbnailUrl: stringOrNull(entry.thumbnailUrl),
    });
    byRecord.set(record, list);
  }
  return byRecord;
}
