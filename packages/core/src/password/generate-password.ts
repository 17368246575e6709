// Password generation with the official SDKs' semantics (spec §8.2), unbiased sampling and a Fisher–Yates shuffle.
import { KsmError } from '../errors.js';
import { createRandomInt, type RandomFill, shuffleInPlace } from './unbiased-random.js';

/** Length used when none is given. */
export const DEFAULT_PASSWORD_LENGTH = 32;
/** The SDKs' default special characters (21 of them, starting with a double quote). */
export const DEFAULT_SPECIAL_CHARACTERS = '"!@#$%()+;<>=?[]{}^.,';

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/**
 * Options of {@link generatePassword}. For each class, a positive count is a minimum, zero or a negative
 * count is exact (|count| characters), and `null`/absent leaves the class unconstrained.
 */
export interface PasswordOptions {
  /** Minimum length (default 32); the password is longer when the class counts add up to more. */
  readonly length?: number;
  readonly lowercase?: number | null;
  readonly uppercase?: number | null;
  readonly digits?: number | null;
  readonly special?: number | null;
  /** Characters of the special class (default {@link DEFAULT_SPECIAL_CHARACTERS}); duplicates are ignored. */
  readonly specialCharacterSet?: string;
  /** Source of random 32-bit words; `crypto.getRandomValues` by default. */
  readonly randomFill?: RandomFill;
}

/**
 * Generates a password like the official SDKs' `generatePassword`: |count| characters from each constrained
 * class, then characters from every class that is unconstrained or has a positive count until `length` is
 * reached, all shuffled. Two rules from the SDK JSDoc: when every class is exactly 0 the remaining characters
 * come from all classes; when every class is exact (≤ 0) but they add up to less than `length`, the negative
 * counts become minimums. Characters are drawn by rejection sampling (no modulo bias) and shuffled with
 * Fisher–Yates from the same source. Throws `ERR_INVALID_PASSWORD_OPTIONS` for a negative or non-integer
 * length, non-integer counts, or a non-zero special count with an empty special set.
 *
 * @example
 * generatePassword() // 32 characters from all four classes
 * generatePassword({ length: 20, digits: 4, special: 0 }) // ≥ 4 digits, no special characters
 */
export function generatePassword(options: PasswordOptions = {}): string {
  const length = options.length ?? DEFAULT_PASSWORD_LENGTH;
  if (!Number.isSafeInteger(length) || length < 0) throw invalid('length', 'must be a non-negative integer');
  const specials = options.specialCharacterSet ?? DEFAULT_SPECIAL_CHARACTERS;
  if (typeof specials !== 'string') throw invalid('specialCharacterSet', 'must be a string');
  const pools = [LOWERCASE, UPPERCASE, DIGITS, specials].map((chars) => [...new Set(chars)]);
  const names = ['lowercase', 'uppercase', 'digits', 'special'] as const;
  let counts = names.map((name) => {
    const count = options[name] ?? null;
    if (count !== null && !Number.isSafeInteger(count)) throw invalid(name, 'must be an integer or null');
    return count;
  });
  if (pools[3]?.length === 0 && (counts[3] ?? 0) !== 0) {
    throw invalid('specialCharacterSet', 'must not be empty when special characters are requested');
  }

  const fixed = counts.reduce<number>((sum, count) => sum + Math.abs(count ?? 0), 0);
  const allExact = counts.every((count) => count !== null && count <= 0);
  if (allExact && fixed < length) counts = counts.map((count) => (count !== null && count < 0 ? -count : count));

  const randomInt = createRandomInt(options.randomFill);
  const pick = (pool: readonly string[]): string => pool[randomInt(pool.length)] as string;
  const chars: string[] = [];
  counts.forEach((count, i) => {
    const pool = pools[i] as string[];
    for (let n = Math.abs(count ?? 0); n > 0; n--) chars.push(pick(pool));
  });

  const extra = Math.max(0, length - fixed);
  if (extra > 0) {
    let pool = [...new Set(pools.filter((_, i) => (counts[i] ?? 1) > 0).flat())];
    if (pool.length === 0) pool = [...new Set(pools.flat())];
    for (let n = extra; n > 0; n--) chars.push(pick(pool));
  }
  return shuffleInPlace(chars, randomInt).join('');
}

function invalid(option: string, problem: string): KsmError {
  return new KsmError('ERR_INVALID_PASSWORD_OPTIONS', `Password option "${option}" ${problem}`, { option });
}
