// getNotationResults / evaluateNotation against the spec §7.4 fixture: every row of the getNotationResults column.
import { describe, expect, it } from 'vitest';
import type { KsmErrorCode } from '../errors.js';
import type { RecordFileView, RecordView } from '../record/types.js';
import { evaluateNotation } from './evaluate-notation.js';
import { getNotationResults, type NotationRecordSource } from './get-notation-results.js';
import {
  FIXTURE_FILE_CONTENT,
  FIXTURE_FILE_UID,
  fixtureRecord,
  FIXTURE_UID as UID,
} from './spec-fixture.test-support.js';

type Expected = readonly string[] | KsmErrorCode | `not a KsmError`;

const phones = [
  '{"number":"555-5555555","ext":"55"}',
  '{"number":"777-7777777","ext":"77"}',
  '{"number":"888-8888888","ext":"","type":"Home"}',
  '{"number":"999-9999999","type":"Work"}',
];

/** Spec §7.4, column `getNotationResults` (JS). */
const rows: readonly (readonly [string, Expected])[] = [
  [`keeper://${UID}/field/login`, ['My Login 1']],
  [`${UID}/field/login`, ['My Login 1']],
  [`KEEPER://${UID}/field/login`, ['My Login 1']],
  [`keeper://${UID}/field/login[0]`, ['My Login 1']],
  [`keeper://${UID}/field/login[1]`, 'ERR_NOTATION_INDEX_OUT_OF_BOUNDS'],
  [`keeper://${UID}/field/login[]`, ['My Login 1']],
  [`keeper://${UID}/custom_field/My Custom 1`, 'ERR_NOTATION_MULTIPLE_FIELDS'],
  [`keeper://${UID}/custom_field/My Custom 1[]`, 'ERR_NOTATION_MULTIPLE_FIELDS'],
  [`keeper://${UID}/custom_field/My Custom 2`, ['one', 'two', 'three']],
  [`keeper://${UID}/custom_field/My Custom 2[1]`, ['two']],
  [`keeper://${UID}/custom_field/My Custom 2[]`, ['one', 'two', 'three']],
  [`keeper://${UID}/custom_field/phone[0][number]`, ['555-5555555']],
  [`keeper://${UID}/custom_field/phone[1][number]`, ['777-7777777']],
  [`keeper://${UID}/custom_field/phone[2]`, ['{"number":"888-8888888","ext":"","type":"Home"}']],
  [`keeper://${UID}/custom_field/phone`, phones],
  [`keeper://${UID}/custom_field/phone[]`, phones],
  [`keeper://${UID}/custom_field/phone[][type]`, ['Home', 'Work']],
  [`keeper://${UID}/custom_field/name[first]`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/custom_field/name[last]`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/custom_field/name[0][middle]`, ['X']],
  [`keeper://${UID}/custom_field/name[][last]`, ['Smith']],
  [`keeper://${UID}/custom_field/name[0][nope]`, []],
  [`keeper://${UID}/file/QR Code`, 'ERR_NOTATION_FILE_NOT_FOUND'],
  [`keeper://${UID}/file/qr.png`, ['UE5HREFUQQ']],
  [`keeper://${UID}/file/${FIXTURE_FILE_UID}`, ['UE5HREFUQQ']],
  [`keeper://${UID}/file/none.png`, 'ERR_NOTATION_FILE_NOT_FOUND'],
  [`keeper://${UID}/type`, ['login']],
  [`keeper://${UID}/title`, ['My Record 1']],
  [`keeper://${UID}/notes`, ['My Notes']],
  ['keeper://My Record 1/field/password', ['My Password 1']],
  [`keeper://${UID}/field/url`, 'ERR_NOTATION_FIELD_NOT_FOUND'],
  [`keeper://${UID}/field/Login`, 'ERR_NOTATION_FIELD_NOT_FOUND'],
  [`keeper://${UID}/fields/login`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/type/extra`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/file`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/file/qr.png[0]`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/field/login[a]`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/field/login[0`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/field/login[0][x][y]`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/custom_field/phone[][number]x`, 'ERR_NOTATION_SYNTAX'],
  [`keeper://${UID}/field/login\\`, 'ERR_NOTATION_SYNTAX'],
  [String.raw`keeper://My Record 1\/x/field/login`, 'ERR_NOTATION_RECORD_NOT_FOUND'],
  ['a2VlcGVyOi8vazlxTXBjTzBhc3p6OXczbGk1WGJhUS9maWVsZC9sb2dpbg', ['My Login 1']],
];

/** An in-memory record source that honours the UID filter like get_secret and records every call. */
function memorySource(records: readonly RecordView[]) {
  const calls: (readonly string[] | undefined)[] = [];
  const source: NotationRecordSource = {
    async getRecords(uids) {
      calls.push(uids);
      return uids ? records.filter((r) => uids.includes(r.recordUid)) : records;
    },
    async downloadFile(_record, file: RecordFileView) {
      if (file.fileUid !== FIXTURE_FILE_UID) throw new Error('unknown file');
      return FIXTURE_FILE_CONTENT;
    },
  };
  return { source, calls };
}

async function outcome(run: () => Promise<string[]> | string[]): Promise<Expected> {
  try {
    return await run();
  } catch (error) {
    return (error as { code?: KsmErrorCode }).code ?? 'not a KsmError';
  }
}

describe('getNotationResults', () => {
  it.each(rows)('%s', async (notation, expected) => {
    const { source } = memorySource([fixtureRecord()]);
    expect(await outcome(() => getNotationResults(source, notation))).toEqual(expected);
  });

  it('looks a UID up with requestedRecords and does not fetch everything when found', async () => {
    const { source, calls } = memorySource([fixtureRecord()]);
    await getNotationResults(source, `${UID}/type`);
    expect(calls).toEqual([[UID]]);
  });

  it('falls back to one unfiltered fetch and a title match', async () => {
    const { source, calls } = memorySource([fixtureRecord()]);
    expect(await getNotationResults(source, 'My Record 1/type')).toEqual(['login']);
    expect(calls).toEqual([undefined]);
  });

  it('tries a UID-like title as a UID first, then as a title', async () => {
    const uidLikeTitle = 'K9qMpcO0aszz9w3li5XbaQ';
    const record = fixtureRecord();
    const { source, calls } = memorySource([{ ...record, data: { ...record.data, title: uidLikeTitle } }]);
    expect(await getNotationResults(source, `${uidLikeTitle}/type`)).toEqual(['login']);
    expect(calls).toEqual([[uidLikeTitle], undefined]);
  });

  it('de-duplicates a UID found twice (direct share and shortcut) but not two records found by title', async () => {
    const { source } = memorySource([fixtureRecord(), fixtureRecord()]);
    expect(await getNotationResults(source, `keeper://${UID}/field/login`)).toEqual(['My Login 1']);
    expect(await outcome(() => getNotationResults(source, 'My Record 1/type'))).toBe('ERR_NOTATION_MULTIPLE_RECORDS');
  });

  it('ignores records a source returns for another UID', async () => {
    const other = { ...fixtureRecord(), recordUid: 'BBBBBBBBBBBBBBBBBBBBBB' };
    const source: NotationRecordSource = {
      getRecords: async () => [other],
      downloadFile: async () => new Uint8Array(),
    };
    expect(await outcome(() => getNotationResults(source, `${UID}/type`))).toBe('ERR_NOTATION_RECORD_NOT_FOUND');
  });

  it('reports multiple files with the same name', async () => {
    const record = fixtureRecord();
    const twice = {
      ...record,
      files: [...record.files, { fileUid: 'CCCCCCCCCCCCCCCCCCCCCC', metadata: { name: 'qr.png' } }],
    };
    const { source } = memorySource([twice]);
    expect(await outcome(() => getNotationResults(source, `${UID}/file/qr.png`))).toBe('ERR_NOTATION_MULTIPLE_FILES');
  });

  it('renders non-string values as compact JSON and skips values without the property', async () => {
    const record = fixtureRecord();
    record.data.fields.push(
      { type: 'date', value: [1629142801191, null, true] },
      { type: 'host', value: [{ hostName: 'h', port: '22' }, { hostName: 'g' }, null] },
      { type: 'login', label: 'empty', value: [] },
    );
    const { source } = memorySource([record]);
    expect(await getNotationResults(source, `${UID}/field/date`)).toEqual(['1629142801191', 'null', 'true']);
    expect(await getNotationResults(source, `${UID}/field/host[][port]`)).toEqual(['22']);
    expect(await getNotationResults(source, `${UID}/field/empty`)).toEqual([]);
    expect(await outcome(() => getNotationResults(source, `${UID}/field/empty[0]`))).toBe(
      'ERR_NOTATION_INDEX_OUT_OF_BOUNDS',
    );
    expect(await outcome(() => getNotationResults(source, `${UID}/field/date[0][x]`))).toBe(
      'ERR_NOTATION_PROPERTY_NOT_FOUND',
    );
  });

  it('reads own properties only (the official SDK also yields inherited ones such as toString)', async () => {
    const { source } = memorySource([fixtureRecord()]);
    expect(await getNotationResults(source, `${UID}/custom_field/name[][toString]`)).toEqual([]);
    expect(await getNotationResults(source, `${UID}/custom_field/name[][last]`)).toEqual(['Smith']);
  });

  it('fails to read a property of a string value, like the official SDK (which throws a TypeError)', async () => {
    const { source } = memorySource([fixtureRecord()]);
    expect(await outcome(() => getNotationResults(source, `${UID}/custom_field/My Custom 2[][length]`))).toBe(
      'ERR_NOTATION_PROPERTY_NOT_FOUND',
    );
  });

  it('reports a missing custom array as no matching field', async () => {
    const record = fixtureRecord();
    const { custom: _custom, ...data } = record.data;
    const { source } = memorySource([{ ...record, data }]);
    expect(await outcome(() => getNotationResults(source, `${UID}/custom_field/phone`))).toBe(
      'ERR_NOTATION_FIELD_NOT_FOUND',
    );
  });
});

describe('evaluateNotation', () => {
  const fileContent = () => FIXTURE_FILE_CONTENT;

  it.each(rows)('%s', async (notation, expected) => {
    expect(await outcome(() => evaluateNotation([fixtureRecord()], notation, { fileContent }))).toEqual(expected);
  });

  it('de-duplicates UIDs and accepts a parsed notation', () => {
    const records = [fixtureRecord(), fixtureRecord()];
    expect(evaluateNotation(records, { record: UID, selector: 'field', parameter: 'login', index1: '0' })).toEqual([
      'My Login 1',
    ]);
  });

  it('needs fileContent for file notations', async () => {
    expect(await outcome(() => evaluateNotation([fixtureRecord()], `${UID}/file/qr.png`))).toBe('ERR_INVALID_INPUT');
  });

  it('rejects a hand-built notation with a non-numeric first index', async () => {
    const notation = { record: UID, selector: 'custom_field', parameter: 'name', index1: 'first' } as const;
    expect(await outcome(() => evaluateNotation([fixtureRecord()], notation))).toBe('ERR_NOTATION_SYNTAX');
  });
});
