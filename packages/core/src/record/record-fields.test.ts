import { describe, expect, it } from 'vitest';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import {
  addCustomField,
  findCustomField,
  findField,
  getCustomFieldValues,
  getFieldFlag,
  getFieldValue,
  getFieldValues,
  setCustomFieldValue,
  setFieldValue,
} from './record-fields.js';
import { parseRecordData, serializeRecord } from './record-json.js';
import type { RecordData } from './types.js';

const record = (): RecordData =>
  parseRecordData(
    JSON.stringify({
      title: 'My Record 1',
      type: 'login',
      fields: [
        { type: 'login', value: ['My Login 1'] },
        { type: 'password', value: ['My Password 1'], x: 1 },
        { type: 'text', label: 'A', value: ['a'] },
        { type: 'text', label: 'B', value: ['b'] },
      ],
      custom: [
        { type: 'text', label: 'My Custom 1', value: ['custom1'] },
        { type: 'text', label: 'My Custom 1', value: ['second'] },
        { type: 'phone', label: 'phone', value: [{ number: '555' }, { number: '777', type: 'Work' }] },
        { type: 'Secret', label: 'Phone', value: ['s'] },
        { type: 'futureType', label: 'F', value: [{ anything: true }] },
      ],
      notes: 'My Notes',
      unknownKey: { kept: true },
    }),
  );

const rejection = (fn: () => unknown) => expectKsmError(fn, 'ERR_INVALID_RECORD');

describe('finding fields', () => {
  it('finds standard fields by exact type, and by label when given', () => {
    const data = record();
    expect(findField(data, 'login')?.value).toEqual(['My Login 1']);
    expect(findField(data, 'text')?.label).toBe('A');
    expect(findField(data, 'text', 'B')?.value).toEqual(['b']);
    expect(findField(data, 'Login')).toBeUndefined();
    expect(findField(data, 'text', 'C')).toBeUndefined();
  });

  it('finds custom fields by exact label first, then by type ignoring case (the SDK rule)', () => {
    const data = record();
    expect(findCustomField(data, 'My Custom 1')?.value).toEqual(['custom1']);
    expect(findCustomField(data, 'Phone')?.type).toBe('Secret'); // label match wins over the phone type
    expect(findCustomField(data, 'PHONE')?.label).toBe('phone'); // no label "PHONE": type match, any case
    expect(findCustomField(data, 'secret')?.label).toBe('Phone');
    expect(findCustomField(data, 'nope')).toBeUndefined();
    expect(findCustomField({ title: 't', type: 'login', fields: [] }, 'x')).toBeUndefined();
  });
});

describe('reading values', () => {
  it('returns typed values and first values, [] / undefined when absent', () => {
    const data = record();
    const password: string | undefined = getFieldValue(data, 'password');
    expect(password).toBe('My Password 1');
    expect(getFieldValues(data, 'login')).toEqual(['My Login 1']);
    expect(getFieldValues(data, 'url')).toEqual([]);
    expect(getFieldValue(data, 'url')).toBeUndefined();
    const phones = getCustomFieldValues(data, 'phone', 'phone');
    expect(phones.map((p) => p.number)).toEqual(['555', '777']);
    expect(getCustomFieldValues(data, 'Phone', 'phone')).toEqual([]); // found field is of another type
    expect(getCustomFieldValues(data, 'F')).toEqual([{ anything: true }]);
  });

  it('returns copies of the value arrays', () => {
    const data = record();
    getFieldValues(data, 'login').push('mutated');
    expect(getFieldValues(data, 'login')).toEqual(['My Login 1']);
  });

  it('reads boolean flags leniently', () => {
    const flag = (required: unknown) => getFieldFlag({ type: 'login', value: [], required } as never, 'required');
    expect([true, 1, '1', 'TRUE', ' true '].map(flag)).toEqual([true, true, true, true, true]);
    expect([false, 0, '0', 'False'].map(flag)).toEqual([false, false, false, false]);
    expect([undefined, null, 2, 'yes', {}].map(flag)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('changing values', () => {
  it('sets a standard field value on a copy, keeping unknown keys and other fields', () => {
    const data = record();
    const before = serializeRecord(data);
    const next = setFieldValue(data, 'password', 'n3w');
    expect(serializeRecord(data)).toBe(before);
    expect(getFieldValue(next, 'password')).toBe('n3w');
    expect(next.fields[1]).toEqual({ type: 'password', value: ['n3w'], x: 1 });
    expect(next.unknownKey).toEqual({ kept: true });
    expect(setFieldValue(data, 'text', ['z1', 'z2'], 'B').fields[3]?.value).toEqual(['z1', 'z2']);
  });

  it('validates the new value and requires the field to exist', () => {
    const data = record();
    expect(rejection(() => setFieldValue(data, 'login', 5 as never)).details).toMatchObject({
      reason: 'wrong-type',
      section: 'fields',
      fieldIndex: 0,
    });
    expect(rejection(() => setFieldValue(data, 'url', 'x')).details.reason).toBe('field-not-found');
  });

  it('sets custom values: validated for known types, as given for unknown ones', () => {
    const data = record();
    const next = setCustomFieldValue(data, 'phone', { number: '999' });
    expect(getCustomFieldValues(next, 'phone', 'phone')).toEqual([{ number: '999' }]);
    expect(rejection(() => setCustomFieldValue(data, 'phone', { number: 999 })).details).toMatchObject({
      section: 'custom',
      fieldIndex: 2,
      property: 'number',
    });
    expect(getCustomFieldValues(setCustomFieldValue(data, 'F', [1, 'two']), 'F')).toEqual([1, 'two']);
    expect(rejection(() => setCustomFieldValue(data, 'missing', 'x')).details.reason).toBe('field-not-found');
  });

  it('adds custom fields after validating them, also when custom was absent', () => {
    const bare: RecordData = { title: 't', type: 'login', fields: [] };
    const next = addCustomField(bare, { type: 'text', label: 'Env', value: ['prod'] });
    expect(next.custom).toEqual([{ type: 'text', label: 'Env', value: ['prod'] }]);
    expect(bare.custom).toBeUndefined();
    expect(rejection(() => addCustomField(next, { type: 'date', value: ['2020'] })).details).toMatchObject({
      section: 'custom',
      fieldIndex: 1,
      reason: 'wrong-type',
    });
  });
});
