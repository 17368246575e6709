// Record JSON in and out: lenient parsing of decrypted records, compact serialisation that always carries `custom`.
import { KsmError } from '../errors.js';
import { documentError, parseJsonObject, stringifyDocument } from './json-document.js';
import type { KeeperField, RecordData } from './types.js';
import { isPlainObject } from './validate-field.js';

/**
 * Parses a decrypted record (UTF-8 bytes or text) leniently: trailing padding spaces are fine, a missing
 * `fields`/`custom` becomes `[]`, a field without `value` gets `[]` (a lone non-array value is wrapped),
 * `notes: null` is dropped, and every unknown key and unknown field type is kept as is — including flags
 * such as `required: 1` (read them with `getFieldFlag`). Throws `ERR_INVALID_RECORD` for a non-object,
 * a missing or non-string `title`/`type`, or a field that is not an object with a string `type`.
 *
 * @example
 * parseRecordData('{"title":"t","type":"login","fields":[]}   ') // { title: 't', type: 'login', fields: [], custom: [] }
 */
export function parseRecordData(input: Uint8Array | string): RecordData {
  const raw = parseJsonObject(input, 'record');
  if (typeof raw.title !== 'string') throw documentError('record', 'missing-title', 'has no string "title"');
  if (typeof raw.type !== 'string') throw documentError('record', 'missing-type', 'has no string "type"');
  const record: RecordData = {
    ...raw,
    title: raw.title,
    type: raw.type,
    fields: readFields(raw.fields, 'fields'),
    custom: readFields(raw.custom, 'custom'),
  };
  if (record.notes === null) delete record.notes;
  else if (record.notes !== undefined && typeof record.notes !== 'string') {
    throw documentError('record', 'invalid-notes', 'has non-string "notes"');
  }
  return record;
}

/**
 * Serialises a record as compact JSON (the bytes to encrypt), keeping key order and unknown keys. A missing
 * `custom` is emitted as `[]` right after `fields`, as current Keeper clients do (spec §6.1).
 * Throws `ERR_INVALID_RECORD` when `title`/`type` are not strings or `fields`/`custom` are not arrays.
 *
 * @example
 * serializeRecord({ title: 't', type: 'login', fields: [] }) // '{"title":"t","type":"login","fields":[],"custom":[]}'
 */
export function serializeRecord(data: RecordData): string {
  if (!isPlainObject(data) || typeof data.title !== 'string' || typeof data.type !== 'string') {
    throw documentError('record', 'invalid-record', 'must be an object with string "title" and "type"');
  }
  if (!Array.isArray(data.fields) || (data.custom !== undefined && !Array.isArray(data.custom))) {
    throw documentError('record', 'invalid-record', 'must have array "fields" and "custom"');
  }
  if (data.custom !== undefined) return stringifyDocument(data, 'record');
  const entries = Object.entries(data).flatMap(([key, value]) =>
    key === 'fields' ? [[key, value] as const, ['custom', []] as const] : [[key, value] as const],
  );
  return stringifyDocument(Object.fromEntries(entries), 'record');
}

function readFields(value: unknown, section: 'fields' | 'custom'): KeeperField[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new KsmError('ERR_INVALID_RECORD', `Decrypted record "${section}" is not an array`, {
      document: 'record',
      section,
      reason: 'invalid-fields',
    });
  }
  return value.map((field: unknown, fieldIndex) => {
    if (!isPlainObject(field) || typeof field.type !== 'string') {
      throw new KsmError('ERR_INVALID_RECORD', `Decrypted record ${section}[${fieldIndex}] is not a typed field`, {
        document: 'record',
        section,
        fieldIndex,
        reason: 'invalid-field',
      });
    }
    const fieldValue = field.value;
    if (Array.isArray(fieldValue)) return field as KeeperField;
    return { ...field, type: field.type, value: fieldValue === undefined || fieldValue === null ? [] : [fieldValue] };
  });
}
