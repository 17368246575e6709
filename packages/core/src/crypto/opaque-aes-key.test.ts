import { describe, expect, it } from 'vitest';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
import { OpaqueAesKey, opaqueKeyBytes } from './opaque-aes-key.js';

describe('OpaqueAesKey', () => {
  const bytes = new Uint8Array(32).fill(7);

  it('encrypts and decrypts wherever a key is taken, interchangeably with its raw bytes', async () => {
    const key = new OpaqueAesKey(bytes);
    const sealed = await gcmEncrypt(key, new Uint8Array([1, 2, 3]));
    expect(await gcmDecrypt(bytes, sealed)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await gcmDecrypt(key, await gcmEncrypt(bytes, new Uint8Array([4])))).toEqual(new Uint8Array([4]));
  });

  it('shows nothing of its bytes: no properties, JSON {}, clones empty', () => {
    const key = new OpaqueAesKey(bytes);
    expect(Object.keys(key)).toEqual([]);
    expect(Object.getOwnPropertyNames(key)).toEqual([]);
    expect(Object.getOwnPropertySymbols(key)).toEqual([]);
    expect(JSON.stringify({ key })).toBe('{"key":{}}');
    expect(structuredClone(key)).toEqual({});
    expect(opaqueKeyBytes(key)).toBe(bytes);
  });

  it('rejects keys that are not 32 bytes, and handles it did not make', () => {
    expectKsmError(() => new OpaqueAesKey(new Uint8Array(16)), 'ERR_INVALID_KEY');
    const forged = Object.create(OpaqueAesKey.prototype) as OpaqueAesKey;
    expectKsmError(() => opaqueKeyBytes(forged), 'ERR_INVALID_KEY');
  });
});
