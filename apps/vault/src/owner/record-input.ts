// Record contents as users give them (CLI flags, seed files): typed fields, custom fields, notes → RecordData.
import {
  buildRecord,
  FIELD_TYPES,
  isFieldTypeName,
  isKsmError,
  type KeeperField,
  type RecordData,
  validateFieldValue,
} from '@ksmkit/core';
import { VaultError } from '../store/errors.js';

/** One custom field: `{ type: 'text', label: 'Environment', value: 'prod' }` (a single value is wrapped). */
export interface CustomFieldInput {
  readonly type: string;
  readonly label?: string;
  readonly value?: unknown;
}

/** A record as users describe it. `fields` keys are field types (`login`) or standard labels. */
export interface RecordInput {
  readonly type: string;
  readonly title: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly custom?: readonly CustomFieldInput[];
  readonly notes?: string;
}

/**
 * A field value as given → the field's value array: single values wrapped, dates as text parsed to epoch ms.
 *
 * @example
 * toFieldValues('date', '2030-01-01'); // [1893456000000]
 */
export function toFieldValues(type: string, value: unknown): unknown[] {
  const values = value === null || value === undefined ? [] : Array.isArray(value) ? [...value] : [value];
  if (isFieldTypeName(type) && FIELD_TYPES[type].kind === 'date-ms') {
    return values.map((item) =>
      typeof item === 'string' && Number.isNaN(Number(item)) ? Date.parse(item) : Number(item),
    );
  }
  return values;
}

/**
 * Converts a core validation failure into a user error (core messages name fields, never values).
 *
 * @example
 * try { buildRecord(input) } catch (e) { throw asUserError(e, 'record "DB"') }
 */
export function asUserError(error: unknown, where: string): unknown {
  if (isKsmError(error)) {
    return new VaultError('ERR_INVALID_ARGUMENT', `Invalid ${where}: ${error.message}`, { where }, { cause: error });
  }
  return error;
}

function customField(input: CustomFieldInput): KeeperField {
  if (typeof input.type !== 'string' || input.type === '') {
    throw new VaultError(
      'ERR_INVALID_ARGUMENT',
      'A custom field needs a type, e.g. { type: text, label: Env, value: prod }',
    );
  }
  return {
    type: input.type,
    ...(input.label === undefined ? {} : { label: String(input.label) }),
    value: toFieldValues(input.type, input.value),
  };
}

/**
 * Builds and validates the RecordData of a new record (standard fields in the type's order, `custom` always).
 * Throws `ERR_INVALID_ARGUMENT` naming the field, never its value.
 *
 * @example
 * toRecordData({ type: 'login', title: 'DB', fields: { login: 'app', password: 's3cr3t' } });
 */
export function toRecordData(input: RecordInput): RecordData {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.fields ?? {})) fields[key] = toFieldValues(key, value);
  try {
    return buildRecord({
      type: input.type,
      title: input.title,
      fields,
      custom: (input.custom ?? []).map(customField),
      ...(input.notes === undefined ? {} : { notes: input.notes }),
    });
  } catch (error) {
    throw asUserError(error, `record "${input.title}"`);
  }
}

/**
 * Sets standard fields (by label first, then type; a missing type is appended) and custom fields (by label or
 * type; missing ones are appended) on an existing record, returning a new RecordData.
 *
 * @example
 * const next = applyFieldChanges(data, { password: 'n3w' }, [{ type: 'text', label: 'Env', value: 'dev' }]);
 */
export function applyFieldChanges(
  data: RecordData,
  fields: Readonly<Record<string, unknown>>,
  custom: readonly CustomFieldInput[],
): RecordData {
  try {
    const nextFields = [...data.fields];
    for (const [key, value] of Object.entries(fields)) {
      let index = nextFields.findIndex((field) => field.label === key);
      if (index < 0) index = nextFields.findIndex((field) => field.type === key && field.label === undefined);
      if (index < 0) index = nextFields.findIndex((field) => field.type === key);
      if (index < 0 && !isFieldTypeName(key)) {
        throw new VaultError(
          'ERR_INVALID_ARGUMENT',
          `Record "${data.title}" has no field "${key}"; use --custom for new labelled fields`,
          {
            field: key,
          },
        );
      }
      const type = index < 0 ? key : (nextFields[index] as KeeperField).type;
      const values = toFieldValues(type, value);
      if (isFieldTypeName(type))
        validateFieldValue(type, values, { section: 'fields', fieldIndex: Math.max(index, 0) });
      if (index < 0) nextFields.push({ type, value: values });
      else nextFields[index] = { ...(nextFields[index] as KeeperField), value: values };
    }
    const nextCustom = [...(data.custom ?? [])];
    for (const input of custom) {
      const field = customField(input);
      const index = nextCustom.findIndex((existing) =>
        field.label !== undefined
          ? existing.label === field.label
          : existing.type === field.type && existing.label === undefined,
      );
      if (isFieldTypeName(field.type))
        validateFieldValue(field.type, field.value, { section: 'custom', fieldIndex: 0 });
      if (index < 0) nextCustom.push(field);
      else nextCustom[index] = { ...(nextCustom[index] as KeeperField), type: field.type, value: field.value };
    }
    return { ...data, fields: nextFields, custom: nextCustom };
  } catch (error) {
    throw asUserError(error, `change to record "${data.title}"`);
  }
}

/**
 * Adds file UIDs to the record's `fileRef` field (creating one when the record has none).
 *
 * @example
 * const next = addFileRefs(data, [fileUid]);
 */
export function addFileRefs(data: RecordData, fileUids: readonly string[]): RecordData {
  if (fileUids.length === 0) return data;
  const index = data.fields.findIndex((field) => field.type === 'fileRef');
  if (index < 0) return { ...data, fields: [...data.fields, { type: 'fileRef', value: [...fileUids] }] };
  const fields = [...data.fields];
  const field = fields[index] as KeeperField;
  fields[index] = { ...field, value: [...field.value, ...fileUids] };
  return { ...data, fields };
}

/**
 * Removes file UIDs from every `fileRef` field.
 *
 * @example
 * const next = removeFileRefs(data, [fileUid]);
 */
export function removeFileRefs(data: RecordData, fileUids: readonly string[]): RecordData {
  const drop = new Set(fileUids);
  return {
    ...data,
    fields: data.fields.map((field) =>
      field.type === 'fileRef' ? { ...field, value: field.value.filter((uid) => !drop.has(String(uid))) } : field,
    ),
  };
}
