import { describe, expect, it } from 'vitest';
import { base64Decode, base64UrlEncode } from './encoding/base64.js';
import { generateFileUid, generateRecordUid, isUid, recordUidBytes } from './uid.js';

describe('generateRecordUid', () => {
  it('returns 22 url-base64 characters of 16 bytes', () => {
    for (let i = 0; i < 200; i++) {
      const uid = generateRecordUid();
      expect(isUid(uid)).toBe(true);
      expect(base64Decode(uid).length).toBe(16);
      expect(uid[0]).not.toBe('-');
      expect(uid[0]).not.toBe('_');
    }
  });
});

describe('recordUidBytes', () => {
  it('redraws a first byte of 0xF8..0xFF, up to 8 times', () => {
    let calls = 0;
    const bytes = recordUidBytes(() => {
      calls++;
      const b = new Uint8Array(16);
      b[0] = calls < 3 ? 0xf8 : 0x10;
      return b;
    });
    expect(calls).toBe(3);
    expect(bytes[0]).toBe(0x10);
  });

  it('clears bit 7 when all 9 draws lead with - or _', () => {
    let calls = 0;
    const bytes = recordUidBytes(() => {
      calls++;
      return new Uint8Array(16).fill(0xff);
    });
    expect(calls).toBe(9);
    expect(bytes[0]).toBe(0x7f);
    expect(base64UrlEncode(bytes)[0]).toBe('f');
  });

  it('keeps bytes whose first character is safe', () => {
    const original = new Uint8Array(16).fill(0xf7);
    expect(recordUidBytes(() => original.slice())).toEqual(original);
  });
});

describe('generateFileUid', () => {
  it('returns 22 url-base64 characters', () => {
    expect(isUid(generateFileUid())).toBe(true);
  });
});

describe('isUid', () => {
  it('accepts exactly 22 url-base64 characters', () => {
    expect(isUid('y6FBhg7C-wy2zaM0-ouI-Q')).toBe(true);
    expect(isUid('L-b-Ijj9rqd-3spgNZiZWA')).toBe(true);
    expect(isUid('_AAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    expect(isUid('y6FBhg7C-wy2zaM0-ouI-')).toBe(false);
    expect(isUid('y6FBhg7C-wy2zaM0-ouI-QQ')).toBe(false);
    expect(isUid('y6FBhg7C+wy2zaM0/ouI=Q')).toBe(false);
    expect(isUid('My Record Title here!!')).toBe(false);
    expect(isUid('y6FBhg7C-wy2zaM0-ouI-Q\n')).toBe(false);
  });
});
