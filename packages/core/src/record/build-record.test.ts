import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { buildRecord } from './build-record.js';
import { standardRecordInput } from './record-arbitraries.test-support.js';
import { parseRecordData, serializeRecord } from './record-json.js';
import { RECORD_TYPES } from './record-types.js';

const UID = 'HKGdx7dSrtuTfA67wiEZkw';

const rejection = (fn: () => unknown) => expectKsmError(fn, 'ERR_INVALID_RECORD');

describe('buildRecord', () => {
  it('lays out the standard fields of the type in order, filling the ones given', () => {
    const data = buildRecord({
      type: 'login',
      title: 'DB',
      fields: { login: 'admin', password: ['s3cret'], url: 'https://db', fileRef: [UID] },
      notes: 'n',
    });
    expect(serializeRecord(data)).toBe(
      '{"title":"DB","type":"login","fields":[{"type":"passkey","value":[]},{"type":"login","value":["admin"]},' +
        '{"type":"password","value":["s3cret"]},{"type":"url","value":["https://db"]},' +
        `{"type":"fileRef","value":["${UID}"]},{"type":"oneTimeCode","value":[]}],"custom":[],"notes":"n"}`,
    );
  });

  it('emits labels of labelled standard fields and finds them by label or unambiguous type', () => {
    const card = buildRecord({
      type: 'bankCard',
      title: 'Visa',
      fields: { 'Cardholder Name': 'J Doe', paymentCard: { cardNumber: '4111', cardExpirationDate: '01/2030' } },
    });
    expect(card.fields[1]).toEqual({ type: 'text', label: 'Cardholder Name', value: ['J Doe'] });
    expect(card.fields[0]?.value).toEqual([{ cardNumber: '4111', cardExpirationDate: '01/2030' }]);
    expect(buildRecord({ type: 'bankCard', title: 'V', fields: { text: 'J' } }).fields[1]?.value).toEqual(['J']);
    const db = buildRecord({ type: 'pamDatabase', title: 'pg', fields: { checkbox: true, 'Database Id': 'db-1' } });
    expect(db.fields.find((f) => f.label === 'Use SSL')?.value).toEqual([true]);
    expect(db.fields.find((f) => f.label === 'Database Id')?.value).toEqual(['db-1']);
  });

  it('always emits custom, copies inputs instead of aliasing them, and omits absent notes', () => {
    const phone = { number: '555' };
    const custom = [{ type: 'phone', label: 'Office', value: [phone] }];
    const data = buildRecord({ type: 'contact', title: 'C', fields: { phone }, custom });
    phone.number = 'changed';
    expect(data.fields.find((f) => f.type === 'phone')?.value).toEqual([{ number: '555' }]);
    expect(data.custom?.[0]?.value).toEqual([{ number: '555' }]);
    expect('notes' in data).toBe(false);
    expect(buildRecord({ type: 'file', title: 'F' }).custom).toEqual([]);
  });

  it('uses an explicit field list as is, which also allows non-standard record types', () => {
    const fields = [
      { type: 'login', value: ['a'] },
      { type: 'text', label: 'Env', value: ['prod'], privacyScreen: true },
    ];
    expect(buildRecord({ type: 'myCompanyType', title: 'X', fields }).fields).toEqual(fields);
  });

  it('rejects bad input with ERR_INVALID_RECORD and a reason, never a value', () => {
    const cases: [() => unknown, Record<string, unknown>][] = [
      [() => buildRecord({ type: '', title: 'x' }), { reason: 'invalid-type' }],
      [() => buildRecord({ type: 'login', title: 5 as unknown as string }), { reason: 'invalid-title' }],
      [() => buildRecord({ type: 'login', title: 't', notes: 1 as unknown as string }), { reason: 'invalid-notes' }],
      [() => buildRecord({ type: 'myType', title: 't', fields: { login: 'a' } }), { reason: 'unknown-type' }],
      [() => buildRecord({ type: 'login', title: 't', fields: { text: 'a' } }), { reason: 'unknown-field' }],
      [() => buildRecord({ type: 'pamMachine', title: 't', fields: { text: 'a' } }), { reason: 'ambiguous-field' }],
      [
        () => buildRecord({ type: 'bankCard', title: 't', fields: { text: 'a', 'Cardholder Name': 'b' } }),
        { reason: 'duplicate-field' },
      ],
      [
        () =>
          buildRecord({
            type: 'serverCredentials',
            title: 't',
            fields: { host: { hostName: 'h', port: 22 as never } },
          }),
        { reason: 'wrong-type', fieldType: 'host', section: 'fields', fieldIndex: 0, index: 0, property: 'port' },
      ],
      [
        () => buildRecord({ type: 'login', title: 't', fields: { fileRef: 'ZZ-secret-ZZ' } }),
        { reason: 'invalid-uid', fieldType: 'fileRef', fieldIndex: 4 },
      ],
      [
        () => buildRecord({ type: 'login', title: 't', custom: [{ type: 'trafficEncryptionKey', value: [] }] }),
        { reason: 'retired-type', section: 'custom', fieldIndex: 0 },
      ],
      [
        () => buildRecord({ type: 'login', title: 't', custom: [{ type: 'whatever', value: [] }] }),
        { reason: 'unknown-type', section: 'custom' },
      ],
      [
        () => buildRecord({ type: 'x', title: 't', fields: [{ type: 'login', value: 'ZZ-secret-ZZ' as never }] }),
        { reason: 'not-an-array', section: 'fields', fieldIndex: 0 },
      ],
    ];
    for (const [fn, details] of cases) {
      const error = rejection(fn);
      expect(error.details).toMatchObject(details);
      expect(`${error.message}${JSON.stringify(error.details)}`).not.toContain('ZZ-secret-ZZ');
    }
  });

  it('types field values by field type (the @ts-expect-error lines are checked by tsc)', () => {
    // @ts-expect-error a login is a string
    expect(() => buildRecord({ type: 'login', title: 't', fields: { login: 5 } })).toThrow();
    // @ts-expect-error a host port is a string
    expect(() => buildRecord({ type: 'serverCredentials', title: 't', fields: { host: { port: 22 } } })).toThrow();
  });

  it('builds every standard record type, and each parses back unchanged', () => {
    for (const [type, definitions] of Object.entries(RECORD_TYPES)) {
      const data = buildRecord({ type, title: `A ${type}` });
      expect(data.fields.map((f) => [f.type, f.label])).toEqual(definitions.map((d) => [d.type, d.label]));
      expect(data.fields.every((f) => Array.isArray(f.value) && f.value.length === 0)).toBe(true);
      expect(parseRecordData(serializeRecord(data))).toEqual(data);
    }
  });

  it('round-trips build → serialize → parse for generated records (property)', () => {
    fc.assert(
      fc.property(standardRecordInput, (input) => {
        const built = buildRecord(input);
        const json = serializeRecord(built);
        expect(parseRecordData(json)).toEqual(built);
        expect(parseRecordData(utf8Encode(`${json}    `))).toEqual(built);
        expect(serializeRecord(parseRecordData(json))).toBe(json);
        const layout = RECORD_TYPES[input.type as keyof typeof RECORD_TYPES].map((d) => d.type);
        expect(built.fields.map((f) => f.type)).toEqual(layout);
        expect(built.custom).toHaveLength(input.custom?.length ?? 0);
      }),
      { numRuns: 300 },
    );
  });
});
