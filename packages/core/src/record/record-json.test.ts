import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { getFieldFlag } from './record-fields.js';
import { parseRecordData, serializeRecord } from './record-json.js';

const SPEC_RECORD =
  '{"title":"My Login","type":"login","fields":[{"type":"login","value":["alice"]},' +
  '{"type":"password","value":["s3cret"],"enforceGeneration":false,"complexity":{"length":32,"caps":0,"lowercase":0,"digits":0,"special":0}},' +
  '{"type":"url","value":["https://example.com"]},{"type":"fileRef","value":[]},{"type":"oneTimeCode","value":["otpauth://totp/x"]}],' +
  '"custom":[{"type":"text","label":"Environment","value":["prod"]}],"notes":"free text"}';

function reasonOf(input: string | Uint8Array): unknown {
  try {
    parseRecordData(input);
  } catch (error) {
    if (!isKsmError(error, 'ERR_INVALID_RECORD')) throw error;
    expect(error.message).not.toContain('ZZ-secret-ZZ');
    return error.details.reason;
  }
  return 'parsed';
}

describe('parseRecordData', () => {
  it('reads the spec §6.1 record and serialises it back byte for byte', () => {
    const data = parseRecordData(utf8Encode(SPEC_RECORD));
    expect(data.title).toBe('My Login');
    expect(data.fields).toHaveLength(5);
    expect(data.custom?.[0]?.label).toBe('Environment');
    expect(serializeRecord(data)).toBe(SPEC_RECORD);
  });

  it('tolerates the trailing space padding of real vault plaintexts and a BOM', () => {
    const padded = utf8Encode(SPEC_RECORD.padEnd(512, ' '));
    expect(padded).toHaveLength(512);
    expect(serializeRecord(parseRecordData(padded))).toBe(SPEC_RECORD);
    expect(parseRecordData(`\ufeff${SPEC_RECORD}`).title).toBe('My Login');
  });

  it('substitutes [] for missing fields, custom and field values, and drops null notes', () => {
    const data = parseRecordData('{"title":"t","type":"login","notes":null}');
    expect(data).toEqual({ title: 't', type: 'login', fields: [], custom: [] });
    const loose = parseRecordData(
      '{"title":"t","type":"login","fields":[{"type":"login"},{"type":"url","value":"x"}],"custom":null}',
    );
    expect(loose.fields).toEqual([
      { type: 'login', value: [] },
      { type: 'url', value: ['x'] },
    ]);
    expect(loose.custom).toEqual([]);
  });

  it('keeps unknown keys, unknown field types and raw flag values for the round trip', () => {
    const raw =
      '{"title":"t","type":"custom-type","fields":[{"type":"futureType","value":[{"a":1}],"required":1,"privacyScreen":"true","x":{"y":[1]}}],' +
      '"custom":[{"type":"pamProvider","value":["legacy"],"enforceGeneration":"0"}],"extra":{"k":[true]}}';
    const data = parseRecordData(raw);
    expect(serializeRecord(data)).toBe(raw);
    const [field] = data.fields;
    expect(field?.required).toBe(1);
    expect(field && getFieldFlag(field, 'required')).toBe(true);
    expect(field && getFieldFlag(field, 'privacyScreen')).toBe(true);
    const [custom] = data.custom ?? [];
    expect(custom && getFieldFlag(custom, 'enforceGeneration')).toBe(false);
  });

  it('rejects non-objects, missing title/type and untyped fields with ERR_INVALID_RECORD', () => {
    expect(reasonOf('ZZ-secret-ZZ')).toBe('invalid-json');
    expect(reasonOf('{"title":"ZZ-secret-ZZ"')).toBe('invalid-json');
    expect(reasonOf('[1,2]')).toBe('not-an-object');
    expect(reasonOf('null')).toBe('not-an-object');
    expect(reasonOf('"ZZ-secret-ZZ"')).toBe('not-an-object');
    expect(reasonOf('{"type":"login"}')).toBe('missing-title');
    expect(reasonOf('{"title":7,"type":"login"}')).toBe('missing-title');
    expect(reasonOf('{"title":"t"}')).toBe('missing-type');
    expect(reasonOf('{"title":"t","type":"login","fields":{}}')).toBe('invalid-fields');
    expect(reasonOf('{"title":"t","type":"login","fields":["ZZ-secret-ZZ"]}')).toBe('invalid-field');
    expect(reasonOf('{"title":"t","type":"login","custom":[{"value":[]}]}')).toBe('invalid-field');
    expect(reasonOf('{"title":"t","type":"login","notes":5}')).toBe('invalid-notes');
    expect(reasonOf(new Uint8Array([0xff, 0xfe]))).toBe('invalid-json');
  });
});

describe('serializeRecord', () => {
  it('emits compact JSON and inserts custom: [] right after fields when missing', () => {
    expect(serializeRecord({ title: 't', type: 'login', fields: [], notes: 'n' })).toBe(
      '{"title":"t","type":"login","fields":[],"custom":[],"notes":"n"}',
    );
  });

  it('keeps an own "__proto__" key as data', () => {
    const data = parseRecordData('{"title":"t","type":"login","fields":[],"__proto__":{"x":1}}');
    expect(serializeRecord(data)).toBe('{"title":"t","type":"login","fields":[],"__proto__":{"x":1},"custom":[]}');
  });

  it('rejects records without string title/type or array fields, and unserialisable values', () => {
    const bad: unknown[] = [
      null,
      { title: 1, type: 'login', fields: [] },
      { title: 't', type: 'login' },
      { title: 't', type: 'login', fields: [], custom: {} },
      { title: 't', type: 'login', fields: [], big: 1n },
    ];
    for (const data of bad) {
      let caught: unknown;
      try {
        serializeRecord(data as never);
      } catch (error) {
        caught = error;
      }
      expect(isKsmError(caught, 'ERR_INVALID_RECORD')).toBe(true);
    }
  });
});
