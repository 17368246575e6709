// Internal: uniform integers by rejection sampling over a 32-bit random source, and a Fisher–Yates shuffle.

/** Fills an array with random 32-bit words (crypto.getRandomValues by default; injectable for tests). */
export type RandomFill = (target: Uint32Array<ArrayBuffer>) => void;

/** Returns a uniform integer in `[0, bound)`. */
export type RandomInt = (bound: number) => number;

const TWO_32 = 2 ** 32;
const BATCH = 64;

/** The platform CSPRNG. */
export const cryptoRandomFill: RandomFill = (target) => {
  crypto.getRandomValues(target);
};

/**
 * Creates an unbiased integer sampler: a 32-bit word `w` is accepted only below the largest multiple of
 * `bound` (`2^32 - 2^32 mod bound`), so `w mod bound` is exactly uniform; other words are redrawn.
 *
 * @example
 * const randomInt = createRandomInt()
 * randomInt(6) // 0..5, each with probability exactly 1/6
 */
export function createRandomInt(fill: RandomFill = cryptoRandomFill): RandomInt {
  const words = new Uint32Array(BATCH);
  let next = BATCH;
  const word = (): number => {
    if (next === BATCH) {
      fill(words);
      next = 0;
    }
    return words[next++] as number;
  };
  return (bound) => {
    if (!(Number.isInteger(bound) && bound >= 1 && bound <= TWO_32)) {
      throw new RangeError('randomInt bound must be an integer in [1, 2^32]');
    }
    if (bound === 1) return 0;
    const limit = TWO_32 - (TWO_32 % bound);
    for (;;) {
      const w = word();
      if (w < limit) return w % bound;
    }
  };
}

/**
 * Shuffles `items` in place with Fisher–Yates: for i from the end, swap item i with a uniform j in [0, i].
 *
 * @example
 * shuffleInPlace(['a', 'b', 'c'], createRandomInt())
 */
export function shuffleInPlace<T>(items: T[], randomInt: RandomInt): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
  return items;
}
