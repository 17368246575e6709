// Keeper Notation: parse, format and evaluate keeper://<record>/<selector>/<parameter>[index][property] references.
export type { EvaluateNotationOptions } from './evaluate-notation.js';
export { evaluateNotation } from './evaluate-notation.js';
export type { FormatNotationOptions } from './format-notation.js';
export { formatNotation } from './format-notation.js';
export type { NotationRecordSource } from './get-notation-results.js';
export { getNotationResults } from './get-notation-results.js';
export { getValue } from './legacy-get-value.js';
export type { ParseNotationOptions } from './parse-notation.js';
export { parseNotation } from './parse-notation.js';
export { looksLikeRecordUid, recordsByTitle, recordsByUid, singleRecord } from './select-record.js';
export type { NotationSelection } from './select-values.js';
export { selectNotationValues } from './select-values.js';
export type {
  Notation,
  NotationPositions,
  NotationSelector,
  NotationSpan,
  ParsedNotation,
} from './types.js';
