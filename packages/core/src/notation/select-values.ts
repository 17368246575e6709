// What a notation selects inside one record, with getNotationResults semantics (spec §7.2): strings, or a file.
import { KsmError } from '../errors.js';
import type { KeeperField, RecordFileView, RecordView } from '../record/types.js';
import type { Notation } from './types.js';

/** The outcome of a notation inside a record: rendered strings, or the one file to download. */
export type NotationSelection<F extends RecordFileView = RecordFileView> =
  | { readonly kind: 'values'; readonly values: string[] }
  | { readonly kind: 'file'; readonly file: F };

const DIGITS = /^[0-9]*$/;

/**
 * Applies the selector, parameter and indexes of `notation` to `record` as `getNotationResults` does:
 * type/title/notes → `[value]` or `[]`; `field`/`custom_field` → exactly one field whose type or label equals
 * the parameter, then `[n]`/`[]` and `[prop]`; strings verbatim, other values as compact JSON; values without
 * `prop` skipped. `file` → exactly one file whose metadata `name` or whose `fileUid` equals the parameter
 * (like JS 17.5.0, the file `title` is not matched).
 *
 * Differences from the official JS SDK, where its result is plainly wrong: `[prop]` reads own properties
 * only (official also finds inherited ones such as `toString` and returns `undefined` entries); a `[prop]`
 * on a string/number/boolean value fails with `ERR_NOTATION_PROPERTY_NOT_FOUND` (official fails with a
 * TypeError); titles, labels, types and names are compared with `===` (official uses `==`).
 *
 * @example
 * selectNotationValues(record, parseNotation('UID/custom_field/phone[][number]'))
 * // { kind: 'values', values: ['555-5555555', '777-7777777'] }
 */
export function selectNotationValues<F extends RecordFileView>(
  record: RecordView<F>,
  notation: Notation,
): NotationSelection<F> {
  const { data } = record;
  switch (notation.selector) {
    case 'type':
      return { kind: 'values', values: data.type == null ? [] : [data.type] };
    case 'title':
      return { kind: 'values', values: data.title == null ? [] : [data.title] };
    case 'notes':
      return { kind: 'values', values: data.notes == null ? [] : [data.notes] };
    case 'file':
      return { kind: 'file', file: selectFile(record, requireParameter(notation)) };
    case 'field':
    case 'custom_field':
      return { kind: 'values', values: fieldValues(record, notation) };
    default:
      throw new KsmError('ERR_NOTATION_SYNTAX', 'Keeper notation: bad selector', {
        position: -1,
        expected: 'one of type, title, notes, field, custom_field, file',
      });
  }
}

function selectFile<F extends RecordFileView>(record: RecordView<F>, parameter: string): F {
  const matches = (record.files ?? []).filter(
    (file) => file.metadata?.name === parameter || file.fileUid === parameter,
  );
  if (matches.length > 1) {
    throw new KsmError('ERR_NOTATION_MULTIPLE_FILES', `Notation error: multiple files match '${parameter}'`, {
      parameter,
      count: matches.length,
    });
  }
  const [file] = matches;
  if (!file) {
    const none = (record.files ?? []).length === 0;
    throw new KsmError(
      'ERR_NOTATION_FILE_NOT_FOUND',
      none ? 'Notation error: the record has no file attachments' : `Notation error: no files match '${parameter}'`,
      { parameter },
    );
  }
  return file;
}

function fieldValues(record: RecordView, notation: Notation): string[] {
  const parameter = requireParameter(notation);
  const field = findSingleField(record, notation.selector, parameter);
  const { index1, index2 } = notation;
  if (index1 !== undefined && !DIGITS.test(index1)) {
    throw new KsmError('ERR_NOTATION_SYNTAX', 'Keeper notation: first index must be numeric: [n] or []', {
      position: -1,
      expected: '[n] or []',
    });
  }
  const all = Array.isArray(field.value) ? field.value : [];
  const index = index1 ? Number.parseInt(index1, 10) : -1;
  if (index >= all.length) throw outOfBounds(index, all.length, parameter);
  const selected = index >= 0 ? [all[index]] : all;
  const property = index2 ?? '';
  const out: string[] = [];
  for (const value of selected) {
    if (property === '') {
      pushRendered(out, value);
    } else if (value !== null && value !== undefined) {
      if (typeof value !== 'object') {
        throw new KsmError(
          'ERR_NOTATION_PROPERTY_NOT_FOUND',
          `Notation error: field '${parameter}' holds non-object values`,
          {
            parameter,
            property,
          },
        );
      }
      // Values lacking the property are skipped (e.g. [][middle] on names without a middle name).
      if (Object.hasOwn(value, property)) pushRendered(out, (value as Record<string, unknown>)[property]);
    }
  }
  return out;
}

/** The one field of `fields`/`custom` whose type or label equals `parameter`. */
export function findSingleField(record: RecordView, selector: Notation['selector'], parameter: string): KeeperField {
  const fields = selector === 'field' ? record.data.fields : record.data.custom;
  const matches = Array.isArray(fields) ? fields.filter((f) => f.type === parameter || f.label === parameter) : [];
  if (matches.length > 1) {
    throw new KsmError('ERR_NOTATION_MULTIPLE_FIELDS', `Notation error: multiple fields match '${parameter}'`, {
      parameter,
      count: matches.length,
    });
  }
  const [field] = matches;
  if (!field) {
    throw new KsmError('ERR_NOTATION_FIELD_NOT_FOUND', `Notation error: no fields match '${parameter}'`, { parameter });
  }
  return field;
}

/** `ERR_NOTATION_INDEX_OUT_OF_BOUNDS` for index `index` of a field with `length` values. */
export function outOfBounds(index: number, length: number, parameter: string): KsmError {
  return new KsmError(
    'ERR_NOTATION_INDEX_OUT_OF_BOUNDS',
    `Notation error: field index out of bounds ${index} >= ${length} for field '${parameter}'`,
    { index, length, parameter },
  );
}

/** The parameter of a field/custom_field/file notation (the parser guarantees one; hand-built ASTs may not). */
export function requireParameter(notation: Notation): string {
  if (notation.parameter === undefined) {
    throw new KsmError('ERR_NOTATION_SYNTAX', `Keeper notation: selector '${notation.selector}' requires a parameter`, {
      position: -1,
      expected: 'a field type, label, file name or file UID',
    });
  }
  return notation.parameter;
}

function pushRendered(out: string[], value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text !== undefined) out.push(text);
}
