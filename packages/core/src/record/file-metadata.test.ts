import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../encoding/bytes.js';
import { ksmErrorOf } from '../test-support/ksm-error-of.js';
import { parseFileMetadata, serializeFileMetadata } from './file-metadata.js';

const reasonOf = (fn: () => unknown) => ksmErrorOf(fn, 'ERR_INVALID_RECORD')?.details.reason ?? 'ok';

describe('parseFileMetadata', () => {
  it('reads the spec §6.4 example', () => {
    const json = '{"name":"qr.png","size":53926,"title":"QR Code","lastModified":1629142801191,"type":"image/png"}';
    expect(parseFileMetadata(utf8Encode(json))).toEqual({
      name: 'qr.png',
      size: 53926,
      title: 'QR Code',
      lastModified: 1629142801191,
      type: 'image/png',
    });
    expect(serializeFileMetadata(parseFileMetadata(json))).toBe(json);
  });

  it('tolerates fractional, missing and string timestamps and drops wrongly typed known keys', () => {
    expect(parseFileMetadata('{"name":"a","lastModified":1760646182.790214}').lastModified).toBe(1760646182.790214);
    expect(parseFileMetadata('{"name":"a"}')).toEqual({ name: 'a' });
    expect(parseFileMetadata('{"lastModified":"1629142801191","size":"12"}')).toEqual({
      lastModified: 1629142801191,
      size: 12,
    });
    expect(parseFileMetadata('{"name":5,"lastModified":"soon","size":null,"extra":[1]}')).toEqual({ extra: [1] });
  });

  it('rejects non-objects, and wrongly typed metadata on write', () => {
    expect(reasonOf(() => parseFileMetadata('[]'))).toBe('not-an-object');
    expect(reasonOf(() => parseFileMetadata('{'))).toBe('invalid-json');
    expect(reasonOf(() => serializeFileMetadata({ name: 'a', size: '1' as never }))).toBe('invalid-metadata');
  });
});
