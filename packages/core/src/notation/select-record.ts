// Record lookup for Keeper Notation: by UID (de-duplicated) first, then by exact title; exactly one must match.
import { KsmError } from '../errors.js';
import type { RecordFileView, RecordView } from '../record/types.js';

const UID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * True when the record part of a notation looks like a record UID (22 URL-safe base64 characters),
 * i.e. when a UID lookup is worth a `get_secret` with `requestedRecords`.
 *
 * @example
 * looksLikeRecordUid('k9qMpcO0aszz9w3li5XbaQ') // true
 */
export function looksLikeRecordUid(text: string): boolean {
  return UID_PATTERN.test(text);
}

/**
 * The records whose UID is `uid`, each UID once (a record shared directly and through a folder, or a
 * shortcut, appears more than once in `get_secret`).
 *
 * @example
 * recordsByUid(records, 'k9qMpcO0aszz9w3li5XbaQ').length // 0 or 1
 */
export function recordsByUid<F extends RecordFileView>(
  records: readonly RecordView<F>[],
  uid: string,
): RecordView<F>[] {
  const first = records.find((record) => record.recordUid === uid);
  return first ? [first] : [];
}

/**
 * The records whose title equals `title` exactly (case- and whitespace-sensitive). Not de-duplicated, as in
 * the official SDK: two copies of one record found by title are reported as multiple matches.
 *
 * @example
 * recordsByTitle(records, 'My Record 1')
 */
export function recordsByTitle<F extends RecordFileView>(
  records: readonly RecordView<F>[],
  title: string,
): RecordView<F>[] {
  return records.filter((record) => record.data.title === title);
}

/**
 * The single match, or `ERR_NOTATION_MULTIPLE_RECORDS` / `ERR_NOTATION_RECORD_NOT_FOUND`.
 * The record text the user typed (a UID or title) is named in the message; it is not a secret value.
 *
 * @example
 * const record = singleRecord(recordsByTitle(records, 'My Record 1'), 'My Record 1');
 */
export function singleRecord<F extends RecordFileView>(
  matches: readonly RecordView<F>[],
  recordText: string,
): RecordView<F> {
  if (matches.length > 1) {
    throw new KsmError(
      'ERR_NOTATION_MULTIPLE_RECORDS',
      `Notation error: multiple records match record '${recordText}'`,
      {
        record: recordText,
        count: matches.length,
      },
    );
  }
  const [record] = matches;
  if (!record) {
    throw new KsmError('ERR_NOTATION_RECORD_NOT_FOUND', `Notation error: no records match record '${recordText}'`, {
      record: recordText,
    });
  }
  return record;
}
