// Synchronous Keeper Notation evaluation over records that were already fetched (edge and CI use).
import { base64UrlEncode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import type { RecordFileView, RecordView } from '../record/types.js';
import { parseNotation } from './parse-notation.js';
import { looksLikeRecordUid, recordsByTitle, recordsByUid, singleRecord } from './select-record.js';
import { selectNotationValues } from './select-values.js';
import type { Notation } from './types.js';

/** Options of `evaluateNotation`. */
export interface EvaluateNotationOptions<F extends RecordFileView = RecordFileView> {
  /** Decrypted content of a file; needed only for `file/...` notations. */
  readonly fileContent?: (record: RecordView<F>, file: F) => Uint8Array;
}

/**
 * `getNotationResults` over an in-memory list: the record is found by UID (when the text looks like one,
 * de-duplicated) and otherwise by exact title, as if `records` were what `get_secret` returns. A string
 * notation is parsed in strict mode. File notations need `options.fileContent` and yield unpadded base64url.
 *
 * @example
 * evaluateNotation(records, 'keeper://k9qMpcO0aszz9w3li5XbaQ/custom_field/My Custom 2[1]') // ['two']
 */
export function evaluateNotation<F extends RecordFileView>(
  records: readonly RecordView<F>[],
  notation: string | Notation,
  options: EvaluateNotationOptions<F> = {},
): string[] {
  const parsed = typeof notation === 'string' ? parseNotation(notation) : notation;
  const byUid = looksLikeRecordUid(parsed.record) ? recordsByUid(records, parsed.record) : [];
  const record = singleRecord(byUid.length > 0 ? byUid : recordsByTitle(records, parsed.record), parsed.record);
  const selection = selectNotationValues(record, parsed);
  if (selection.kind === 'values') return selection.values;
  if (!options.fileContent) {
    throw new KsmError(
      'ERR_INVALID_INPUT',
      'File notations need file content: pass options.fileContent or use getNotationResults with a record source',
      { selector: 'file' },
    );
  }
  return [base64UrlEncode(options.fileContent(record, selection.file))];
}
