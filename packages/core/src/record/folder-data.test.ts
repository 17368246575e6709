import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { parseFolderData, serializeFolderData } from './folder-data.js';

function reasonOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (!isKsmError(error, 'ERR_INVALID_RECORD')) throw error;
    return error.details.reason;
  }
  return 'ok';
}

describe('folder data', () => {
  it('parses and writes {"name": …}', () => {
    expect(parseFolderData('{"name":"Prod"}  ')).toEqual({ name: 'Prod' });
    expect(parseFolderData('{"name":"Prod","color":"red"}')).toEqual({ name: 'Prod', color: 'red' });
    expect(serializeFolderData('Pröd "1"')).toBe('{"name":"Pröd \\"1\\""}');
    expect(reasonOf(() => parseFolderData('{}'))).toBe('missing-name');
    expect(reasonOf(() => parseFolderData('"x"'))).toBe('not-an-object');
  });
});
