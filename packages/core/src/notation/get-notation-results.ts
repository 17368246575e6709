// Keeper Notation evaluation against a record source (get_secret in the client), like the SDKs' getNotationResults.
import { base64UrlEncode } from '../encoding/base64.js';
import type { RecordFileView, RecordView } from '../record/types.js';
import { parseNotation } from './parse-notation.js';
import { looksLikeRecordUid, recordsByTitle, recordsByUid, singleRecord } from './select-record.js';
import { selectNotationValues } from './select-values.js';
import type { Notation } from './types.js';

/** Where notation evaluation gets records and file contents from (the client backs it with get_secret). */
export interface NotationRecordSource<F extends RecordFileView = RecordFileView> {
  /** All records, or only those with the given UIDs (`requestedRecords`); duplicates are allowed. */
  getRecords(uids?: readonly string[]): Promise<readonly RecordView<F>[]>;
  /** The decrypted content of one file of `record`. */
  downloadFile(record: RecordView<F>, file: F): Promise<Uint8Array>;
}

/**
 * Evaluates a notation the way the official SDKs' `getNotationResults` does and returns strings:
 * a record text that looks like a UID is fetched with `getRecords([uid])` (de-duplicated by UID); when that
 * finds nothing, all records are fetched and matched by exact title. Then see `selectNotationValues`;
 * file notations download the file and return its content as unpadded base64url. A string notation is
 * parsed in strict mode.
 *
 * Unlike the official SDK, records returned for a UID lookup are also filtered by that UID (a source that
 * ignores the filter cannot make other records match).
 *
 * @example
 * await getNotationResults(source, 'keeper://My Record 1/field/password') // ['My Password 1']
 */
export async function getNotationResults<F extends RecordFileView>(
  source: NotationRecordSource<F>,
  notation: string | Notation,
): Promise<string[]> {
  const parsed = typeof notation === 'string' ? parseNotation(notation) : notation;
  let matches: RecordView<F>[] = [];
  if (looksLikeRecordUid(parsed.record))
    matches = recordsByUid(await source.getRecords([parsed.record]), parsed.record);
  if (matches.length === 0) matches = recordsByTitle(await source.getRecords(), parsed.record);
  const record = singleRecord(matches, parsed.record);
  const selection = selectNotationValues(record, parsed);
  if (selection.kind === 'values') return selection.values;
  return [base64UrlEncode(await source.downloadFile(record, selection.file))];
}
