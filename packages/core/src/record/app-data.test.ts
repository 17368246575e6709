import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { ksmErrorOf } from '../test-support/ksm-error-of.js';
import { parseAppData, serializeAppData } from './app-data.js';

const reasonOf = (fn: () => unknown) => ksmErrorOf(fn, 'ERR_INVALID_RECORD')?.details.reason ?? 'ok';

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
