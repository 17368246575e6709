import { describe, expect, it } from 'vitest';
import { createKeyMemo } from './key-memo.js';

describe('createKeyMemo', () => {
  const fakeKey = (n: number) => ({ n }) as unknown as CryptoKey;

  it('imports once per distinct bytes and again when the bytes change', async () => {
    const seen: number[] = [];
    const memo = createKeyMemo(async (bytes) => {
      seen.push(bytes[0] as number);
      return fakeKey(bytes[0] as number);
    });
    const a = new Uint8Array([1, 2]);
    expect(await memo(a)).toBe(await memo(new Uint8Array([1, 2])));
    a[0] = 9; // the memo kept its own copy, so mutating the caller's bytes changes nothing
    expect(await memo(new Uint8Array([1, 2]))).toEqual({ n: 1 });
    expect(await memo(new Uint8Array([3]))).toEqual({ n: 3 });
    expect(seen).toEqual([1, 3]);
  });

  it('forgets a failed import, so the next call tries again', async () => {
    let calls = 0;
    const memo = createKeyMemo(async () => {
      calls += 1;
      if (calls === 1) throw new Error('bad key');
      return fakeKey(0);
    });
    await expect(memo(new Uint8Array([1]))).rejects.toThrow('bad key');
    expect(await memo(new Uint8Array([1]))).toEqual({ n: 0 });
    expect(calls).toBe(2);
  });
});
