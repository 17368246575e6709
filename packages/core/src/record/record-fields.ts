// Reading and changing fields of a RecordData: lookups follow the SDK rules, changes return a new record.
import { KsmError } from '../errors.js';
import { FIELD_TYPES, isFieldTypeName } from './field-types.js';
import type { FieldTypeName, FieldValueMap } from './field-values.js';
import type { KeeperField, RecordData } from './types.js';
import { validateField, validateFieldValue } from './validate-field.js';

/** The boolean-ish keys of a field that older clients wrote as 0/1 or quoted strings. */
export type FieldFlag = 'required' | 'privacyScreen' | 'enforceGeneration';

/**
 * The first standard field (in `fields`) of the given type, and with the given label when one is passed.
 * Type and label match exactly.
 *
 * @example
 * findField(data, 'login')?.value // ['alice']
 * findField(data, 'text', 'Cardholder Name')
 */
export function findField(data: RecordData, type: string, label?: string): KeeperField | undefined {
  return data.fields.find((field) => field.type === type && (label === undefined || field.label === label));
}

/**
 * The custom field found by the SDK rule: the first whose `label` equals `labelOrType` exactly, else the
 * first whose `type` equals it ignoring case (spec §6.1, as the Python SDK does).
 *
 * @example
 * findCustomField(data, 'Environment')?.value // ['prod']
 */
export function findCustomField(data: RecordData, labelOrType: string): KeeperField | undefined {
  const custom = data.custom ?? [];
  const lower = labelOrType.toLowerCase();
  return (
    custom.find((field) => field.label === labelOrType) ??
    custom.find((field) => typeof field.type === 'string' && field.type.toLowerCase() === lower)
  );
}

/**
 * All values of the first standard field of `type` (and `label`), typed by {@link FieldValueMap}; `[]` when absent.
 * Reading is lenient: the values are returned as stored, not validated.
 *
 * @example
 * getFieldValues(data, 'phone') // Phone[]
 */
export function getFieldValues<T extends FieldTypeName>(data: RecordData, type: T, label?: string): FieldValueMap[T][] {
  return valuesOf(findField(data, type, label)) as FieldValueMap[T][];
}

/**
 * The first value of the first standard field of `type` (and `label`), or `undefined`.
 *
 * @example
 * getFieldValue(data, 'password') // 's3cret'
 */
export function getFieldValue<T extends FieldTypeName>(
  data: RecordData,
  type: T,
  label?: string,
): FieldValueMap[T] | undefined {
  return getFieldValues(data, type, label)[0];
}

/**
 * All values of the custom field found by {@link findCustomField}. Pass `type` to get typed values: a field of
 * another type then yields `[]`.
 *
 * @example
 * getCustomFieldValues(data, 'Environment') // ['prod']
 * getCustomFieldValues(data, 'Office', 'phone') // Phone[]
 */
export function getCustomFieldValues(data: RecordData, labelOrType: string): unknown[];
export function getCustomFieldValues<T extends FieldTypeName>(
  data: RecordData,
  labelOrType: string,
  type: T,
): FieldValueMap[T][];
export function getCustomFieldValues(data: RecordData, labelOrType: string, type?: FieldTypeName): unknown[] {
  const field = findCustomField(data, labelOrType);
  if (field === undefined || (type !== undefined && field.type !== type)) return [];
  return valuesOf(field);
}

/**
 * Replaces the value of the first standard field of `type` (and `label`) and returns a new RecordData;
 * every other key, field and unknown property is kept. A single value is wrapped in an array.
 * Throws `ERR_INVALID_RECORD` when the field does not exist or the value has the wrong shape.
 *
 * @example
 * const next = setFieldValue(data, 'password', 'n3w-s3cret')
 */
export function setFieldValue<T extends FieldTypeName>(
  data: RecordData,
  type: T,
  value: FieldValueMap[T] | readonly FieldValueMap[T][],
  label?: string,
): RecordData {
  const index = data.fields.findIndex((field) => field.type === type && (label === undefined || field.label === label));
  if (index < 0) throw notFound('fields', type);
  const values = toValues(value);
  validateFieldValue(type, values, { section: 'fields', fieldIndex: index });
  return { ...data, fields: replaceValue(data.fields, index, values) };
}

/**
 * Replaces the value of the custom field found by {@link findCustomField} and returns a new RecordData.
 * Values of known, current field types are validated; values of unknown or retired types are stored as given.
 *
 * @example
 * const next = setCustomFieldValue(data, 'Environment', 'staging')
 */
export function setCustomFieldValue(data: RecordData, labelOrType: string, value: unknown): RecordData {
  const custom = data.custom ?? [];
  const field = findCustomField(data, labelOrType);
  if (field === undefined) throw notFound('custom', labelOrType);
  const index = custom.indexOf(field);
  const values = toValues(value);
  if (isFieldTypeName(field.type) && !FIELD_TYPES[field.type].retired) {
    validateFieldValue(field.type, values, { section: 'custom', fieldIndex: index });
  }
  return { ...data, custom: replaceValue(custom, index, values) };
}

/**
 * Appends a custom field (validated like a new field) and returns a new RecordData.
 *
 * @example
 * const next = addCustomField(data, { type: 'text', label: 'Environment', value: ['prod'] })
 */
export function addCustomField(data: RecordData, field: KeeperField): RecordData {
  const custom = data.custom ?? [];
  validateField(field, { section: 'custom', fieldIndex: custom.length });
  return { ...data, custom: [...custom, structuredClone(field)] };
}

/**
 * Reads a boolean flag leniently: `true`/`false`, `1`/`0` and the strings "true"/"false"/"1"/"0" (any case)
 * are understood; anything else (including absence) gives `undefined`. The raw value is left untouched.
 *
 * @example
 * getFieldFlag({ type: 'login', value: [], required: 1 as never }, 'required') // true
 */
export function getFieldFlag(field: KeeperField, flag: FieldFlag): boolean | undefined {
  const raw: unknown = field[flag];
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

function valuesOf(field: KeeperField | undefined): unknown[] {
  return field && Array.isArray(field.value) ? [...field.value] : [];
}

function toValues(value: unknown): unknown[] {
  return structuredClone(Array.isArray(value) ? [...value] : [value]);
}

function replaceValue(fields: readonly KeeperField[], index: number, values: unknown[]): KeeperField[] {
  return fields.map((field, i) => (i === index ? { ...field, value: values } : field));
}

function notFound(section: 'fields' | 'custom', key: string): KsmError {
  const where = section === 'fields' ? 'standard field of type' : 'custom field labelled or typed';
  return new KsmError('ERR_INVALID_RECORD', `Record has no ${where} "${key}"`, {
    section,
    fieldType: section === 'fields' ? key : null,
    reason: 'field-not-found',
  });
}
