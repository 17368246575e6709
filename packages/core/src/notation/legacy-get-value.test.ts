// Legacy getValue against the spec §7.4 fixture: every row of the legacy column, plus the JS quirks it keeps.
import { describe, expect, it } from 'vitest';
import type { KsmErrorCode } from '../errors.js';
import { getValue } from './legacy-get-value.js';
import { FIXTURE_FILE_UID, fixtureRecord, FIXTURE_UID as UID } from './spec-fixture.test-support.js';

interface Failure {
  readonly error: KsmErrorCode | `not a KsmError`;
}

const phone = [
  { number: '555-5555555', ext: '55' },
  { number: '777-7777777', ext: '77' },
  { number: '888-8888888', ext: '', type: 'Home' },
  { number: '999-9999999', type: 'Work' },
];
const file = expect.objectContaining({ fileUid: FIXTURE_FILE_UID });

/** Spec §7.4, column legacy `getValue` (JS). */
const rows: readonly (readonly [string, unknown])[] = [
  [`keeper://${UID}/field/login`, 'My Login 1'],
  [`${UID}/field/login`, 'My Login 1'],
  [`KEEPER://${UID}/field/login`, 'My Login 1'],
  [`keeper://${UID}/field/login[0]`, 'My Login 1'],
  [`keeper://${UID}/field/login[1]`, { error: 'ERR_NOTATION_INDEX_OUT_OF_BOUNDS' }],
  [`keeper://${UID}/field/login[]`, ['My Login 1']],
  [`keeper://${UID}/custom_field/My Custom 1`, 'custom1'],
  [`keeper://${UID}/custom_field/My Custom 1[]`, ['custom1']],
  [`keeper://${UID}/custom_field/My Custom 2`, 'one'],
  [`keeper://${UID}/custom_field/My Custom 2[1]`, 'two'],
  [`keeper://${UID}/custom_field/My Custom 2[]`, ['one', 'two', 'three']],
  [`keeper://${UID}/custom_field/phone[0][number]`, '555-5555555'],
  [`keeper://${UID}/custom_field/phone[1][number]`, '777-7777777'],
  [`keeper://${UID}/custom_field/phone[2]`, { number: '888-8888888', ext: '', type: 'Home' }],
  [`keeper://${UID}/custom_field/phone`, phone[0]],
  [`keeper://${UID}/custom_field/phone[]`, phone],
  [`keeper://${UID}/custom_field/phone[][type]`, undefined],
  [`keeper://${UID}/custom_field/name[first]`, 'Jenny'],
  [`keeper://${UID}/custom_field/name[last]`, 'Smith'],
  [`keeper://${UID}/custom_field/name[0][middle]`, 'X'],
  [`keeper://${UID}/custom_field/name[][last]`, 'Smith'],
  [`keeper://${UID}/custom_field/name[0][nope]`, { error: 'ERR_NOTATION_PROPERTY_NOT_FOUND' }],
  [`keeper://${UID}/file/QR Code`, file],
  [`keeper://${UID}/file/qr.png`, file],
  [`keeper://${UID}/file/${FIXTURE_FILE_UID}`, file],
  [`keeper://${UID}/file/none.png`, { error: 'ERR_NOTATION_FILE_NOT_FOUND' }],
  [`keeper://${UID}/type`, 'login'],
  [`keeper://${UID}/title`, 'My Record 1'],
  [`keeper://${UID}/notes`, 'My Notes'],
  ['keeper://My Record 1/field/password', 'My Password 1'],
  [`keeper://${UID}/field/url`, { error: 'ERR_NOTATION_FIELD_NOT_FOUND' }],
  [`keeper://${UID}/field/Login`, { error: 'ERR_NOTATION_FIELD_NOT_FOUND' }],
  [`keeper://${UID}/fields/login`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/type/extra`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/file`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/file/qr.png[0]`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/field/login[a]`, undefined],
  [`keeper://${UID}/field/login[0`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/field/login[0][x][y]`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/custom_field/phone[][number]x`, { error: 'ERR_NOTATION_SYNTAX' }],
  [`keeper://${UID}/field/login\\`, { error: 'ERR_NOTATION_SYNTAX' }],
  [String.raw`keeper://My Record 1\/x/field/login`, { error: 'ERR_NOTATION_RECORD_NOT_FOUND' }],
  ['a2VlcGVyOi8vazlxTXBjTzBhc3p6OXczbGk1WGJhUS9maWVsZC9sb2dpbg', 'My Login 1'],
];

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { error: (error as { code?: KsmErrorCode }).code ?? 'not a KsmError' } satisfies Failure;
  }
}

describe('getValue (legacy)', () => {
  it.each(rows)('%s', (notation, expected) => {
    expect(outcome(() => getValue([fixtureRecord()], notation))).toEqual(expected);
  });

  it('returns the first record and first field instead of reporting ambiguity', () => {
    const first = fixtureRecord();
    const second = { ...fixtureRecord(), data: { ...fixtureRecord().data, title: 'My Record 1', type: 'other' } };
    expect(getValue([first, second], 'My Record 1/type')).toBe('login');
    expect(getValue([second, first], `${UID}/type`)).toBe('other');
  });

  it('matches UID or title in one pass, in list order', () => {
    const titled = {
      ...fixtureRecord(),
      recordUid: 'AAAAAAAAAAAAAAAAAAAAAA',
      data: { ...fixtureRecord().data, title: UID, type: 'by-title' },
    };
    expect(getValue([titled, fixtureRecord()], `${UID}/type`)).toBe('by-title');
  });

  it("returns '' for an absent notes field and the element for [n][]", () => {
    const record = fixtureRecord();
    const { notes: _notes, ...data } = record.data;
    expect(getValue([{ ...record, data }], `${UID}/notes`)).toBe('');
    expect(getValue([record], `${UID}/custom_field/phone[1][]`)).toEqual(phone[1]);
    expect(getValue([record], `${UID}/custom_field/phone[][]`)).toEqual(phone);
  });

  it('reads a legacy first index the way parseInt does', () => {
    const record = fixtureRecord();
    expect(getValue([record], `${UID}/custom_field/phone[1a][number]`)).toBe('777-7777777');
    expect(getValue([record], `${UID}/custom_field/phone[-2][]`)).toEqual(phone);
    expect(outcome(() => getValue([record], `${UID}/custom_field/phone[x][number]`))).toEqual({
      error: 'ERR_NOTATION_SYNTAX',
    });
  });

  it('reads own properties of primitives for [][prop] and fails for [n][prop]', () => {
    const record = fixtureRecord();
    expect(getValue([record], `${UID}/custom_field/My Custom 2[length]`)).toBe(3);
    expect(getValue([record], `${UID}/custom_field/My Custom 2[toString]`)).toBeUndefined();
    expect(outcome(() => getValue([record], `${UID}/custom_field/My Custom 2[0][length]`))).toEqual({
      error: 'ERR_NOTATION_PROPERTY_NOT_FOUND',
    });
    expect(outcome(() => getValue([record], `${UID}/custom_field/name[0][toString]`))).toEqual({
      error: 'ERR_NOTATION_PROPERTY_NOT_FOUND',
    });
  });

  it('fails to read a property of an empty field', () => {
    const record = fixtureRecord();
    record.data.fields.push({ type: 'name', value: [] });
    expect(getValue([record], `${UID}/field/name`)).toBeUndefined();
    expect(getValue([record], `${UID}/field/name[]`)).toEqual([]);
    expect(outcome(() => getValue([record], `${UID}/field/name[first]`))).toEqual({
      error: 'ERR_NOTATION_PROPERTY_NOT_FOUND',
    });
  });

  it('applies the legacy [x] reading to a hand-built notation', () => {
    expect(
      getValue([fixtureRecord()], { record: UID, selector: 'custom_field', parameter: 'name', index1: 'last' }),
    ).toBe('Smith');
  });
});
