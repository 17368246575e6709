// Building new V3 records: standard fields laid out in the record type's order, shapes validated, `custom` always present.
import { KsmError } from '../errors.js';
import type { FieldTypeName, FieldValueMap } from './field-values.js';
import { isRecordTypeName, RECORD_TYPES, type StandardFieldDefinition } from './record-types.js';
import type { KeeperField, RecordData } from './types.js';
import { validateField, validateFieldValue } from './validate-field.js';

/**
 * Values of standard fields keyed by field type (`login`, `phone`, …) or, for labelled standard fields,
 * by label (`'Cardholder Name'`). A single value is wrapped in an array; `null` means "empty".
 */
export type StandardFieldValues = {
  readonly [K in FieldTypeName]?: FieldValueMap[K] | readonly FieldValueMap[K][] | null;
} & { readonly [label: string]: unknown };

/** Input of {@link buildRecord}. */
export interface BuildRecordInput {
  /** A standard record type (see RECORD_TYPES) or, with an explicit field list, any type name. */
  readonly type: string;
  readonly title: string;
  /** Values by type/label (standard record types only), or the complete standard field list. */
  readonly fields?: StandardFieldValues | readonly KeeperField[];
  readonly custom?: readonly KeeperField[];
  readonly notes?: string;
}

/**
 * Builds the RecordData of a new record. With `fields` given as values, every standard field of the type
 * is emitted in order — `{type, label?, value}`, `value: []` when not given; with `fields` given as a list,
 * that list is used as is. Every field is validated (unknown or retired field types are rejected), and
 * `custom` is always emitted (`[]` when empty). Inputs are copied, never aliased.
 * Throws `ERR_INVALID_RECORD` naming the field type/label and position, never a value.
 *
 * @example
 * buildRecord({ type: 'login', title: 'DB', fields: { login: 'admin', password: 's3cret', url: 'https://db' } })
 * // { title: 'DB', type: 'login', fields: [{ type: 'passkey', value: [] }, { type: 'login', value: ['admin'] }, …], custom: [] }
 */
export function buildRecord(input: BuildRecordInput): RecordData {
  const { type, title, notes } = input;
  if (typeof type !== 'string' || type === '') throw invalid('Record type must be a non-empty string', 'invalid-type');
  if (typeof title !== 'string') throw invalid('Record title must be a string', 'invalid-title');
  if (notes !== undefined && typeof notes !== 'string') throw invalid('Record notes must be a string', 'invalid-notes');

  const given = input.fields ?? {};
  const fields = Array.isArray(given)
    ? copyFields(given as readonly KeeperField[], 'fields')
    : layOutStandardFields(type, given as StandardFieldValues);
  const custom = copyFields(input.custom ?? [], 'custom');
  return { title, type, fields, custom, ...(notes === undefined ? {} : { notes }) };
}

function layOutStandardFields(type: string, values: StandardFieldValues): KeeperField[] {
  if (!isRecordTypeName(type)) {
    throw invalid(`Record type "${type}" is not a standard type; pass "fields" as a list of fields`, 'unknown-type', {
      recordType: type,
    });
  }
  const definitions = RECORD_TYPES[type];
  const chosen = new Map<number, unknown[]>();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const index = standardFieldIndex(definitions, key, type);
    if (chosen.has(index)) {
      throw invalid(`Standard field "${key}" of "${type}" is given twice`, 'duplicate-field', { recordType: type });
    }
    chosen.set(index, structuredClone(value === null ? [] : Array.isArray(value) ? [...value] : [value]));
  }
  return definitions.map((definition, fieldIndex) => {
    const value = chosen.get(fieldIndex) ?? [];
    validateFieldValue(definition.type, value, { section: 'fields', fieldIndex });
    const label = definition.label === undefined ? {} : { label: definition.label };
    return { type: definition.type, ...label, value };
  });
}

/** A key names a standard field by label first, else by type when exactly one (unlabelled) field has that type. */
function standardFieldIndex(definitions: readonly StandardFieldDefinition[], key: string, recordType: string): number {
  const byLabel = definitions.findIndex((definition) => definition.label === key);
  if (byLabel >= 0) return byLabel;
  const byType = definitions.flatMap((definition, index) => (definition.type === key ? [index] : []));
  const unlabelled = byType.filter((index) => definitions[index]?.label === undefined);
  const only = byType.length === 1 ? byType[0] : unlabelled.length === 1 ? unlabelled[0] : undefined;
  if (only !== undefined) return only;
  const reason = byType.length === 0 ? 'unknown-field' : 'ambiguous-field';
  const problem = byType.length === 0 ? 'has no standard field' : 'has several standard fields; use the label of';
  throw invalid(`Record type "${recordType}" ${problem} "${key}"`, reason, { recordType });
}

function copyFields(fields: readonly KeeperField[], section: 'fields' | 'custom'): KeeperField[] {
  if (!Array.isArray(fields)) throw invalid(`Record "${section}" must be an array`, 'invalid-fields', { section });
  return fields.map((field, fieldIndex) => {
    validateField(field, { section, fieldIndex });
    return structuredClone(field);
  });
}

function invalid(message: string, reason: string, details: Record<string, string> = {}): KsmError {
  return new KsmError('ERR_INVALID_RECORD', message, { ...details, reason });
}
