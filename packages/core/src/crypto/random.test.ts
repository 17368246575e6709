import { describe, expect, it } from 'vitest';
import { randomBytes } from './random.js';

describe('randomBytes', () => {
  it('returns the requested length, including above the 65,536-byte getRandomValues limit', () => {
    expect(randomBytes(0).length).toBe(0);
    expect(randomBytes(32).length).toBe(32);
    const big = randomBytes(200_000);
    expect(big.length).toBe(200_000);
    // every chunk was filled: the last 64 KiB is not all zeros
    expect(big.subarray(-65_536).some((b) => b !== 0)).toBe(true);
  });

  it('differs between calls', () => {
    expect(randomBytes(16)).not.toEqual(randomBytes(16));
  });

  it('rejects negative and fractional lengths', () => {
    expect(() => randomBytes(-1)).toThrow(RangeError);
    expect(() => randomBytes(1.5)).toThrow(RangeError);
  });
});
