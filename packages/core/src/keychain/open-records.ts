// Internal: opens many record entries in stages (all key unwraps, all imports, all data decrypts, then files), so
// that each stage is one burst of WebCrypto calls; failures are reported per item, never thrown.
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import type { FileMetadata, RecordData } from '../record/types.js';
import { arrayOrEmpty, gcmOpen, importGcmKey, isObject, requireStrings, stringOrNull } from './open-blobs.js';
import type { DecryptedFile, DecryptedRecord, DecryptedSharedFolder } from './record-types.js';
import { type SkippedItem, skipCode } from './skipped.js';

/** One record entry to open and the key it should be wrapped with. */
export interface RecordJob {
  readonly entry: unknown;
  readonly wrappingKey: CryptoKey;
  /** The shared folder the entry came through (null for top-level records). */
  readonly folderUid: string | null;
  /** KSM-753: the folder to try when the wrapping key fails (top-level entries naming a returned folder). */
  readonly fallback?: Promise<DecryptedSharedFolder | null>;
}

interface FileJob {
  readonly record: number;
  readonly entry: Record<string, unknown>;
}

async function unwrap(job: RecordJob): Promise<ArrayBuffer> {
  if (!isObject(job.entry)) throw new KsmError('ERR_INVALID_RECORD', 'A record entry must be an object');
  requireStrings(job.entry, ['recordUid', 'recordKey', 'data'], 'record');
  const wrapped = base64Decode(job.entry.recordKey as string);
  try {
    return await gcmOpen(job.wrappingKey, wrapped);
  } catch (error) {
    const folder = job.fallback === undefined ? null : await job.fallback;
    if (folder === null) throw error;
    return gcmOpen(folder.folderKey.gcm, wrapped);
  }
}

async function openJson(key: CryptoKey, data: string): Promise<unknown> {
  return JSON.parse(utf8Decode(new Uint8Array(await gcmOpen(key, base64Decode(data)))));
}

/**
 * Opens every job; the result has one entry per job (null where the record was skipped and reported).
 *
 * @example
 * const records = await openRecords([{ entry, wrappingKey: appKey, folderUid: null }], skipped);
 */
export async function openRecords(
  jobs: readonly RecordJob[],
  skipped: SkippedItem[],
): Promise<(DecryptedRecord | null)[]> {
  const uids = jobs.map((job) => (isObject(job.entry) ? stringOrNull(job.entry.recordUid) : null));

  const raws = await Promise.allSettled(jobs.map(unwrap));
  const keys = await Promise.allSettled(
    raws.map((raw) => (raw.status === 'fulfilled' ? importGcmKey(raw.value) : Promise.reject(raw.reason))),
  );
  const fileJobs: FileJob[] = [];
  const datas = await Promise.allSettled(
    jobs.map((job, i) => {
      const key = keys[i] as PromiseSettledResult<CryptoKey>;
      if (key.status === 'rejected') return Promise.reject(key.reason);
      const entry = job.entry as Record<string, unknown>;
      for (const file of arrayOrEmpty(entry.files))
        fileJobs.push({ record: i, entry: file as Record<string, unknown> });
      return openJson(key.value, entry.data as string);
    }),
  );
  const files = await openFiles(fileJobs, keys, uids, skipped);

  return jobs.map((job, i) => {
    // a failed unwrap or import was propagated into `datas`, so one check covers every stage
    const data = datas[i] as PromiseSettledResult<unknown>;
    let reason: unknown;
    if (data.status === 'rejected') reason = data.reason;
    else if (!isObject(data.value)) reason = new KsmError('ERR_INVALID_RECORD', 'Record data is not a JSON object');
    if (data.status === 'rejected' || reason !== undefined) {
      skipped.push({ kind: 'record', uid: uids[i] ?? null, parentUid: job.folderUid, code: skipCode(reason) });
      return null;
    }
    const entry = job.entry as Record<string, unknown>;
    const recordData = data.value as RecordData;
    if (!Array.isArray(recordData.fields)) recordData.fields = [];
    return {
      recordUid: uids[i] as string,
      recordKey: (keys[i] as PromiseFulfilledResult<CryptoKey>).value,
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

/** Opens the files of all records in three bursts; returns the files per record index. */
async function openFiles(
  jobs: readonly FileJob[],
  recordKeys: readonly PromiseSettledResult<CryptoKey>[],
  recordUids: readonly (string | null)[],
  skipped: SkippedItem[],
): Promise<Map<number, DecryptedFile[]>> {
  const byRecord = new Map<number, DecryptedFile[]>();
  if (jobs.length === 0) return byRecord;
  const keys = await Promise.allSettled(
    jobs.map(async (job) => {
      if (!isObject(job.entry)) throw new KsmError('ERR_INVALID_RECORD', 'A file entry must be an object');
      requireStrings(job.entry, ['fileUid', 'fileKey', 'data'], 'file');
      const recordKey = (recordKeys[job.record] as PromiseFulfilledResult<CryptoKey>).value;
      return importGcmKey(await gcmOpen(recordKey, base64Decode(job.entry.fileKey as string)));
    }),
  );
  const metadata = await Promise.allSettled(
    jobs.map((job, i) => {
      const key = keys[i] as PromiseSettledResult<CryptoKey>;
      return key.status === 'fulfilled' ? openJson(key.value, job.entry.data as string) : Promise.reject(key.reason);
    }),
  );
  jobs.forEach((job, i) => {
    const key = keys[i] as PromiseSettledResult<CryptoKey>;
    const meta = metadata[i] as PromiseSettledResult<unknown>;
    const fileUid = isObject(job.entry) ? stringOrNull(job.entry.fileUid) : null;
    if (key.status === 'rejected' || meta.status === 'rejected' || !isObject(meta.value)) {
      const reason = meta.status === 'rejected' ? meta.reason : new KsmError('ERR_INVALID_RECORD', 'bad metadata');
      skipped.push({ kind: 'file', uid: fileUid, parentUid: recordUids[job.record] ?? null, code: skipCode(reason) });
      return;
    }
    const list = byRecord.get(job.record) ?? [];
    list.push({
      fileUid: fileUid as string,
      fileKey: key.value,
      metadata: meta.value as FileMetadata,
      url: stringOrNull(job.entry.url),
      thumbnailUrl: stringOrNull(job.entry.thumbnailUrl),
    });
    byRecord.set(job.record, list);
  });
  return byRecord;
}
