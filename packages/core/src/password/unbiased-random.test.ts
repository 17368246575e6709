import { describe, expect, it } from 'vitest';
import { createRandomInt, shuffleInPlace } from './unbiased-random.js';

/** A source that replays `words`, then zeros. */
function scripted(words: number[]) {
  let next = 0;
  return (target: Uint32Array<ArrayBuffer>) => {
    for (let i = 0; i < target.length; i++) target[i] = words[next++] ?? 0;
  };
}

describe('createRandomInt', () => {
  it('rejects words at or above the largest multiple of the bound and redraws', () => {
    // 2^32 mod 3 = 1, so 0xffffffff is the one word that must be rejected for bound 3.
    const randomInt = createRandomInt(scripted([0xffffffff, 5, 0xfffffffe]));
    expect(randomInt(3)).toBe(2); // 0xffffffff rejected, 5 % 3
    expect(randomInt(3)).toBe(0xfffffffe % 3);
  });

  it('accepts every word when the bound divides 2^32', () => {
    const randomInt = createRandomInt(scripted([0xffffffff, 7]));
    expect(randomInt(256)).toBe(255);
    expect(randomInt(2 ** 32)).toBe(7);
  });

  it('returns 0 for bound 1 and refuses impossible bounds', () => {
    const randomInt = createRandomInt(scripted([]));
    expect(randomInt(1)).toBe(0);
    for (const bound of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) expect(() => randomInt(bound)).toThrow(RangeError);
  });

  it('stays in range with the real CSPRNG', () => {
    const randomInt = createRandomInt();
    for (let i = 0; i < 2000; i++) {
      const value = randomInt(83);
      expect(Number.isInteger(value) && value >= 0 && value < 83).toBe(true);
    }
  });
});

describe('shuffleInPlace', () => {
  it('is a permutation and uses j in [0, i] (a zero source rotates left by one, per Fisher–Yates)', () => {
    const items = ['a', 'b', 'c', 'd'];
    // With j always 0: swap(3,0), swap(2,0), swap(1,0) → b c d a.
    expect(shuffleInPlace(items, () => 0)).toEqual(['b', 'c', 'd', 'a']);
    const shuffled = shuffleInPlace([...'abcdefghij'], createRandomInt());
    expect([...shuffled].sort()).toEqual([...'abcdefghij']);
  });

  it('asks for bounds n, n-1, …, 2', () => {
    const bounds: number[] = [];
    shuffleInPlace([1, 2, 3, 4, 5], (bound) => {
      bounds.push(bound);
      return bound - 1;
    });
    expect(bounds).toEqual([5, 4, 3, 2]);
  });
});
