import { describe, expect, it } from 'vitest';
import { ksmErrorOf } from '../test-support/ksm-error-of.js';
import { parseFolderData, serializeFolderData } from './folder-data.js';

const reasonOf = (fn: () => unknown) => ksmErrorOf(fn, 'ERR_INVALID_RECORD')?.details.reason ?? 'ok';

describe('folder data', () => {
  it('parses and writes {"name": …}', () => {
    expect(parseFolderData('{"name":"Prod"}  ')).toEqual({ name: 'Prod' });
    expect(parseFolderData('{"name":"Prod","color":"red"}')).toEqual({ name: 'Prod', color: 'red' });
    expect(serializeFolderData('Pröd "1"')).toBe('{"name":"Pröd \\"1\\""}');
    expect(reasonOf(() => parseFolderData('{}'))).toBe('missing-name');
    expect(reasonOf(() => parseFolderData('"x"'))).toBe('not-an-object');
  });
});
