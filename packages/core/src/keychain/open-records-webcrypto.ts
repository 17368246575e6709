// Internal: opens record entries with WebCrypto in stages (all key unwraps, all imports, all data, then files), so
// that each stage is one burst of crypto.subtle calls.
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { arrayOrEmpty, gcmOpen, importGcmKey, wrappingCryptoKey } from './open-blobs.js';
import type { OpenedFile, OpenedRecord, OpenedRecords, RecordJob } from './open-records.js';
import { checkFileEntry, checkRecordEntry } from './record-entry.js';

async function unwrap(job: RecordJob): Promise<ArrayBuffer> {
  const wrapped = base64Decode(checkRecordEntry(job.entry).recordKey);
  try {
    return await gcmOpen(wrappingCryptoKey(job.wrappingKey), wrapped);
  } catch (error) {
    if (job.fallback === undefined) throw error;
    return gcmOpen(wrappingCryptoKey(job.fallback), wrapped);
  }
}

async function openJson(key: CryptoKey, data: string): Promise<unknown> {
  return JSON.parse(utf8Decode(new Uint8Array(await gcmOpen(key, base64Decode(data)))));
}

/**
 * Opens every job with crypto.subtle; one outcome per job, files of records whose key opened.
 *
 * @example
 * const { records, files } = await openWithWebCrypto(jobs);
 */
export async function openWithWebCrypto(jobs: readonly RecordJob[]): Promise<OpenedRecords> {
  const raws = await Promise.allSettled(jobs.map(unwrap));
  const keys = await Promise.allSettled(
    raws.map((raw) => (raw.status === 'fulfilled' ? importGcmKey(raw.value) : Promise.reject(raw.reason))),
  );
  const fileJobs: { record: number; entry: unknown }[] = [];
  const datas = await Promise.allSettled(
    jobs.map((job, i) => {
      const key = keys[i] as PromiseSettledResult<CryptoKey>;
      if (key.status === 'rejected') return Promise.reject(key.reason);
      const entry = job.entry as Record<string, unknown>;
      for (const file of arrayOrEmpty(entry.files)) fileJobs.push({ record: i, entry: file });
      return openJson(key.value, entry.data as string);
    }),
  );
  const fileKeys = await Promise.allSettled(
    fileJobs.map(async (job) => {
      const file = checkFileEntry(job.entry);
      const recordKey = (keys[job.record] as PromiseFulfilledResult<CryptoKey>).value;
      return importGcmKey(await gcmOpen(recordKey, base64Decode(file.fileKey)));
    }),
  );
  const metadata = await Promise.allSettled(
    fileJobs.map((job, i) => {
      const key = fileKeys[i] as PromiseSettledResult<CryptoKey>;
      return key.status === 'fulfilled'
        ? openJson(key.value, (job.entry as { data: string }).data)
        : Promise.reject(key.reason);
    }),
  );
  const files: OpenedFile[] = fileJobs.map((job, i) => {
    const key = fileKeys[i] as PromiseSettledResult<CryptoKey>;
    const meta = metadata[i] as PromiseSettledResult<unknown>;
    if (key.status === 'rejected' || meta.status === 'rejected') {
      return { ...job, result: key.status === 'rejected' ? key : (meta as PromiseRejectedResult) };
    }
    return { ...job, result: { status: 'fulfilled', value: { key: key.value, metadata: meta.value } } };
  });
  const records: OpenedRecord[] = jobs.map((_, i) => {
    const data = datas[i] as PromiseSettledResult<unknown>;
    if (data.status === 'rejected') return data;
    const key = (keys[i] as PromiseFulfilledResult<CryptoKey>).value;
    return { status: 'fulfilled', value: { key, data: data.value } };
  });
  return { records, files };
}
