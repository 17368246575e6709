// Internal: opens record entries in one synchronous pass with a cipher backend (one native call per key and blob).
import { type CipherBackend, openWithBackend } from '../crypto/cipher-backend.js';
import { OpaqueAesKey } from '../crypto/opaque-aes-key.js';
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { arrayOrEmpty } from './open-blobs.js';
import type { OpenedFile, OpenedRecord, OpenedRecords, RecordJob } from './open-records.js';
import { checkFileEntry, checkRecordEntry } from './record-entry.js';

function unwrap(cipher: CipherBackend, job: RecordJob, wrapped: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  try {
    return openWithBackend(cipher, job.wrappingKey.raw, wrapped);
  } catch (error) {
    if (job.fallback === undefined) throw error;
    return openWithBackend(cipher, job.fallback.raw, wrapped);
  }
}

function decode(cipher: CipherBackend, text: string): Uint8Array<ArrayBuffer> {
  return cipher.base64Decode === undefined ? base64Decode(text) : cipher.base64Decode(text);
}

function openJson(cipher: CipherBackend, key: Uint8Array<ArrayBuffer>, data: string): unknown {
  return JSON.parse(utf8Decode(openWithBackend(cipher, key, decode(cipher, data))));
}

function openFile(cipher: CipherBackend, recordKey: Uint8Array<ArrayBuffer>, entry: unknown): OpenedFile['result'] {
  try {
    const file = checkFileEntry(entry);
    const raw = openWithBackend(cipher, recordKey, decode(cipher, file.fileKey));
    const key = new OpaqueAesKey(raw);
    return { status: 'fulfilled', value: { key, metadata: openJson(cipher, raw, file.data) } };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

/**
 * Opens every job with `cipher`; one outcome per job, files of records whose key opened. Keys become opaque handles.
 *
 * @example
 * const { records, files } = openWithCipher(jobs, nodeCipher);
 */
export function openWithCipher(jobs: readonly RecordJob[], cipher: CipherBackend): OpenedRecords {
  const records: OpenedRecord[] = [];
  const files: OpenedFile[] = [];
  jobs.forEach((job, i) => {
    try {
      const entry = checkRecordEntry(job.entry);
      const raw = unwrap(cipher, job, decode(cipher, entry.recordKey));
      const key = new OpaqueAesKey(raw);
      for (const file of arrayOrEmpty(entry.files))
        files.push({ record: i, entry: file, result: openFile(cipher, raw, file) });
      records.push({ status: 'fulfilled', value: { key, data: openJson(cipher, raw, entry.data) } });
    } catch (reason) {
      records.push({ status: 'rejected', reason });
    }
  });
  return { records, files };
}
