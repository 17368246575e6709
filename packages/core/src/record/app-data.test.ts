import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { parseAppData, serializeAppData } from './app-data.js';

function reasonOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (!isKsmError(error, 'ERR_INVALID_RECORD')) throw error;
    return error.details.reason;
  }
  return 'ok';
}

describe('app data', () => {
  it('parses padded app data and writes it compactly', () => {
    expect(parseAppData(utf8Encode('{"title":"CI","type":"app"}'.padEnd(64, ' ')))).toEqual({
      title: 'CI',
      type: 'app',
    });
    expect(serializeAppData({ title: 'CI', type: 'app' })).toBe('{"title":"CI","type":"app"}');
    expect(reasonOf(() => parseAppData('{"type":"app"}'))).toBe('missing-title');
    expect(reasonOf(() => parseAppData('{"title":"CI"}'))).toBe('missing-type');
    expect(reasonOf(() => serializeAppData({ title: 'CI' } as never))).toBe('invalid-app');
  });
});
