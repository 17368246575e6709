// Legacy Keeper Notation evaluation (spec §7.3, JS flavour): typed values from already-fetched records.
import { KsmError } from '../errors.js';
import type { RecordFileView, RecordView } from '../record/types.js';
import { parseNotation } from './parse-notation.js';
import { outOfBounds, requireParameter } from './select-values.js';
import type { Notation } from './types.js';

const DIGITS = /^[0-9]*$/;

/**
 * The official JS SDK's `getValue(secrets, notation)` over a record list: the first record whose UID or
 * title equals the record text, the first field whose type or label equals the parameter (no ambiguity
 * error), and typed results: no index → first value; `[]` → the value array; `[n]` → value n; `[n][prop]`
 * and `[prop]` (= `[][prop]`) → a property of that/the first value (`undefined` when `[prop]` finds none);
 * type/title/notes → the string or `''`; `file/<name|title|fileUid>` → the first matching file object.
 * A string notation is parsed in legacy mode.
 *
 * Differences from the official JS SDK, where its result is plainly wrong: properties are own properties
 * only (official also returns inherited ones such as `toString`); failures the official code hits as a
 * TypeError (a property of a missing value, `[n][prop]` on a string) are `KsmError`s.
 *
 * @example
 * getValue(records, 'keeper://k9qMpcO0aszz9w3li5XbaQ/custom_field/name[first]') // 'Jenny'
 */
export function getValue<F extends RecordFileView>(
  records: readonly RecordView<F>[],
  notation: string | Notation,
): unknown {
  const parsed = typeof notation === 'string' ? parseNotation(notation, { legacy: true }) : toLegacy(notation);
  const text = parsed.record;
  const record = records.find((r) => r.recordUid === text || r.data.title === text);
  if (!record) {
    throw new KsmError('ERR_NOTATION_RECORD_NOT_FOUND', `Notation error: record '${text}' not found`, { record: text });
  }
  switch (parsed.selector) {
    case 'type':
      return record.data.type ?? '';
    case 'title':
      return record.data.title ?? '';
    case 'notes':
      return record.data.notes ?? '';
    case 'file':
      return legacyFile(record, requireParameter(parsed));
    case 'field':
    case 'custom_field':
      return legacyField(record, parsed);
    default:
      throw new KsmError('ERR_NOTATION_SYNTAX', 'Keeper notation: bad selector', {
        position: -1,
        expected: 'one of type, title, notes, field, custom_field, file',
      });
  }
}

/** A hand-built notation gets the same `[x]` → `[][x]` reading the legacy parser applies. */
function toLegacy(notation: Notation): Notation {
  const { index1, index2 } = notation;
  if (index1 === undefined || index2 !== undefined || DIGITS.test(index1)) return notation;
  return { ...notation, index1: '', index2: index1 };
}

function legacyFile<F extends RecordFileView>(record: RecordView<F>, parameter: string): F {
  const files = record.files ?? [];
  const file = files.find(
    (f) => f.metadata?.name === parameter || f.metadata?.title === parameter || f.fileUid === parameter,
  );
  if (!file) {
    const message = files.length === 0 ? 'the record has no file attachments' : `no files match '${parameter}'`;
    throw new KsmError('ERR_NOTATION_FILE_NOT_FOUND', `Notation error: ${message}`, { parameter });
  }
  return file;
}

function legacyField(record: RecordView, notation: Notation): unknown {
  const parameter = requireParameter(notation);
  const fields = notation.selector === 'field' ? record.data.fields : record.data.custom;
  const field = Array.isArray(fields) ? fields.find((f) => f.type === parameter || f.label === parameter) : undefined;
  if (!field) {
    throw new KsmError('ERR_NOTATION_FIELD_NOT_FOUND', `Notation error: field '${parameter}' not found`, { parameter });
  }
  const { index1, index2 } = notation;
  // Official: parseInt with -1 for "no number"; a legacy first index such as `1a` reads as 1, `-2` as "all".
  const parsedIndex = Number.parseInt(index1 ?? '', 10);
  const index = Number.isNaN(parsedIndex) ? -1 : parsedIndex;
  if (index === -1 && index1 !== undefined && index1 !== '') {
    throw new KsmError('ERR_NOTATION_SYNTAX', 'Keeper notation: invalid first index; expected [n] or []', {
      position: -1,
      expected: '[n] or []',
    });
  }
  let values: readonly unknown[] = Array.isArray(field.value) ? field.value : [];
  if (index >= values.length) throw outOfBounds(index, values.length, parameter);
  if (index >= 0) values = [values[index]];

  if (index1 === undefined) return values[0];
  const property = index2 ?? '';
  if (index1 === '') {
    if (property === '') return [...values];
    return ownProperty(firstValue(values, parameter), property);
  }
  if (property === '') return index >= 0 ? values[0] : [...values];
  const value = firstValue(values, parameter);
  if (typeof value !== 'object' || !Object.hasOwn(value as object, property)) {
    throw new KsmError('ERR_NOTATION_PROPERTY_NOT_FOUND', `Notation error: value has no property '${property}'`, {
      parameter,
      property,
    });
  }
  return (value as Record<string, unknown>)[property];
}

/** The first selected value; a property of a missing value is an error (official: a TypeError). */
function firstValue(values: readonly unknown[], parameter: string): unknown {
  const [value] = values;
  if (value === null || value === undefined) {
    throw new KsmError('ERR_NOTATION_PROPERTY_NOT_FOUND', 'Notation error: cannot read a property of an empty value', {
      parameter,
    });
  }
  return value;
}

/** `value[property]` when it is an own property (strings have their indexes and length), else undefined. */
function ownProperty(value: unknown, property: string): unknown {
  const boxed = Object(value) as Record<string, unknown>;
  return Object.hasOwn(boxed, property) ? boxed[property] : undefined;
}
