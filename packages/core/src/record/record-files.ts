// Finding a record's files by name, title or file UID (spec §6.4), as notation and the SDK helpers do.
import type { RecordFileView, RecordView } from './types.js';

/** Which file attributes a lookup compares against. */
export type FileMatchKey = 'fileUid' | 'name' | 'title';

/** Options of {@link findFiles}. */
export interface FindFilesOptions {
  /** Attributes to compare, all three by default (JS notation 17.5.0 skips `title`; Python/Java/.NET use it). */
  readonly match?: readonly FileMatchKey[];
}

const ALL_KEYS: readonly FileMatchKey[] = ['fileUid', 'name', 'title'];

/**
 * Every file of the record (or list of files) whose UID, name or title equals `key` exactly, in order.
 *
 * @example
 * findFiles(record, 'qr.png') // [{ fileUid: 'HKGdx7dSrtuTfA67wiEZkw', metadata: { name: 'qr.png', ... } }]
 * findFiles(record, 'QR Code', { match: ['fileUid', 'name'] }) // []
 */
export function findFiles<F extends RecordFileView>(
  source: RecordView<F> | readonly F[],
  key: string,
  options: FindFilesOptions = {},
): F[] {
  const files: readonly F[] = isFileList(source) ? source : source.files;
  const keys = options.match ?? ALL_KEYS;
  return files.filter((file) => keys.some((k) => attribute(file, k) === key));
}

/**
 * The first file matching `key` (see {@link findFiles}), or `undefined`.
 *
 * @example
 * findFile(record, 'HKGdx7dSrtuTfA67wiEZkw')?.metadata.name // 'qr.png'
 */
export function findFile<F extends RecordFileView>(
  source: RecordView<F> | readonly F[],
  key: string,
  options: FindFilesOptions = {},
): F | undefined {
  return findFiles(source, key, options)[0];
}

function attribute(file: RecordFileView, key: FileMatchKey): unknown {
  return key === 'fileUid' ? file.fileUid : file.metadata?.[key];
}

function isFileList<F extends RecordFileView>(source: RecordView<F> | readonly F[]): source is readonly F[] {
  return Array.isArray(source);
}
