// Test support: fast-check generators of valid field values (derived from FIELD_TYPES) and of record inputs.
import fc from 'fast-check';
import { base64UrlEncode } from '../encoding/base64.js';
import type { BuildRecordInput } from './build-record.js';
import { FIELD_TYPES, type ObjectShape, type PropertyShape } from './field-types.js';
import type { FieldTypeName } from './field-values.js';
import { RECORD_TYPES, type RecordTypeName } from './record-types.js';
import type { KeeperField } from './types.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const uid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map(base64UrlEncode);

function property(shape: PropertyShape): fc.Arbitrary<unknown> {
  if (shape === 'string') return text;
  if (shape === 'number') return fc.integer();
  if (shape === 'boolean') return fc.boolean();
  if (shape === 'string[]') return fc.array(text, { maxLength: 3 });
  if (shape.kind === 'object') return object(shape);
  return fc.array(object(shape.items), { maxLength: 2 });
}

function object(shape: ObjectShape): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(shape.properties).map(([key, child]) => [key, property(child)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] });
}

/** One valid element of a current field type's `value`. */
export function fieldElement(type: FieldTypeName): fc.Arbitrary<unknown> {
  const info = FIELD_TYPES[type];
  switch (info.kind) {
    case 'string':
      return text;
    case 'uid-ref':
      return uid;
    case 'date-ms':
      return fc.integer({ min: -(2 ** 41), max: 2 ** 42 });
    case 'boolean':
      return fc.boolean();
    case 'object':
      return object(info.shape as ObjectShape);
    default:
      return fc.constant(null);
  }
}

/** A valid `value` array of a field type. */
export function fieldValue(type: FieldTypeName): fc.Arbitrary<unknown[]> {
  return fc.array(fieldElement(type), { maxLength: 3 });
}

export const currentFieldTypes = (Object.keys(FIELD_TYPES) as FieldTypeName[]).filter(
  (type) => !FIELD_TYPES[type].retired,
);

/** A valid custom field of any current type, optionally labelled. */
export const customField: fc.Arbitrary<KeeperField> = fc
  .constantFrom(...currentFieldTypes)
  .chain((type) =>
    fc.record(
      { type: fc.constant(type), label: text, value: fieldValue(type), required: fc.boolean() },
      { requiredKeys: ['type', 'value'] },
    ),
  );

/** A buildRecord input for a standard record type, with some standard fields given by label or type. */
export const standardRecordInput: fc.Arbitrary<BuildRecordInput> = fc
  .constantFrom(...(Object.keys(RECORD_TYPES) as RecordTypeName[]))
  .chain((type) => {
    const values = RECORD_TYPES[type].map((definition) =>
      fc
        .option(fieldValue(definition.type), { nil: undefined })
        .map((value) => [definition.label ?? definition.type, value] as const),
    );
    return fc.record(
      {
        type: fc.constant(type),
        title: text,
        fields: fc.tuple(...values).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined))),
        custom: fc.array(customField, { maxLength: 4 }),
        notes: text,
      },
      { requiredKeys: ['type', 'title'] },
    );
  });
