import { describe, expect, it } from 'vitest';
import { ksmErrorOf } from '../test-support/ksm-error-of.js';
import { parseRecordData } from './record-json.js';
import { getRecordNotes, getRecordTitle, setRecordNotes, setRecordTitle } from './record-title-notes.js';

const data = parseRecordData('{"title":"My Record 1","type":"login","fields":[],"notes":"My Notes","x":1}');

const reasonOf = (fn: () => unknown) => ksmErrorOf(fn, 'ERR_INVALID_RECORD')?.details.reason ?? 'ok';

describe('record title and notes', () => {
  it('reads title and notes, undefined notes when absent', () => {
    expect(getRecordTitle(data)).toBe('My Record 1');
    expect(getRecordNotes(data)).toBe('My Notes');
    expect(getRecordNotes({ title: 't', type: 'x', fields: [] })).toBeUndefined();
  });

  it('changes them on copies, keeping key order and unknown keys', () => {
    const renamed = setRecordTitle(data, 'Renamed');
    expect(renamed).toMatchObject({ title: 'Renamed', x: 1 });
    expect(data.title).toBe('My Record 1');
    expect(Object.keys(setRecordNotes(data, 'new'))).toEqual(Object.keys(data));
    expect(getRecordNotes(setRecordNotes(data, 'new'))).toBe('new');
    expect('notes' in setRecordNotes(data, undefined)).toBe(false);
    expect(data.notes).toBe('My Notes');
  });

  it('rejects non-string titles and notes', () => {
    expect(reasonOf(() => setRecordTitle(data, 1 as never))).toBe('invalid-title');
    expect(reasonOf(() => setRecordNotes(data, 1 as never))).toBe('invalid-notes');
  });
});
