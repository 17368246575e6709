// Tests of parseStoredConfig: JSON or base64 of JSON, string values, anything else refused.
import { base64Encode, base64UrlEncode, utf8Encode } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import { parseStoredConfig } from './stored-config.js';

describe('parseStoredConfig', () => {
  const json = '{"hostname":"keepersecurity.com","serverPublicKeyId":10,"appKey":null}';
  const expected = { hostname: 'keepersecurity.com', serverPublicKeyId: '10' };

  it('reads JSON and base64 of JSON in either alphabet, as strings, dropping nulls', () => {
    expect(parseStoredConfig(`  ${json}\n`)).toEqual(expected);
    expect(parseStoredConfig(base64Encode(utf8Encode(json)))).toEqual(expected);
    expect(parseStoredConfig(base64UrlEncode(utf8Encode(json)))).toEqual(expected);
  });

  it('refuses text that holds no JSON object', () => {
    for (const text of ['', 'not base64 at all!', base64Encode(utf8Encode('[1,2]')), '{"broken"', 'null']) {
      expect(parseStoredConfig(text), text).toBeUndefined();
    }
  });
});
