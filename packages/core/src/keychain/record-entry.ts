// Internal: the shape checks every record and file entry of get_secret passes before anything is decrypted.
import { KsmError } from '../errors.js';
import { isObject, requireStrings } from './open-blobs.js';

/** A record entry with its three required strings. */
export type RecordEntry = Record<string, unknown> & { recordUid: string; recordKey: string; data: string };

/** A file entry with its three required strings. */
export type FileEntry = Record<string, unknown> & { fileUid: string; fileKey: string; data: string };

/**
 * The entry as a record entry, or `ERR_INVALID_RECORD` naming what is missing.
 *
 * @example
 * const wrapped = base64Decode(checkRecordEntry(job.entry).recordKey);
 */
export function checkRecordEntry(entry: unknown): RecordEntry {
  if (!isObject(entry)) throw new KsmError('ERR_INVALID_RECORD', 'A record entry must be an object');
  requireStrings(entry, ['recordUid', 'recordKey', 'data'], 'record');
  return entry as RecordEntry;
}

/**
 * The entry as a file entry, or `ERR_INVALID_RECORD` naming what is missing.
 *
 * @example
 * const wrapped = base64Decode(checkFileEntry(entry).fileKey);
 */
export function checkFileEntry(entry: unknown): FileEntry {
  if (!isObject(entry)) throw new KsmError('ERR_INVALID_RECORD', 'A file entry must be an object');
  requireStrings(entry, ['fileUid', 'fileKey', 'data'], 'file');
  return entry as FileEntry;
}
