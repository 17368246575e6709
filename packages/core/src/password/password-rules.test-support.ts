// Test support: an independent statement of the generator's contract and option generators, for unit and interop tests.
import fc from 'fast-check';

/** The option set both generators take (positional for the SDK, named for ours). */
export interface PasswordCase {
  length?: number;
  lowercase?: number | null;
  uppercase?: number | null;
  digits?: number | null;
  special?: number | null;
  specialCharacterSet?: string;
}

const DEFAULT_SET = '"!@#$%()+;<>=?[]{}^.,';
const CLASSES = ['lowercase', 'uppercase', 'digits', 'special'] as const;

/**
 * Lists how `password` breaks the documented contract for `options` (empty list = conforms). Assumes the
 * special set shares no character with letters or digits, so every character belongs to one class.
 * Rules (official JSDoc + spec §8.2): a positive count is a minimum, zero/negative an exact count; if every
 * count is exact but they sum below the length, negative counts become minimums; if every class is exactly 0
 * the filler comes from all classes; the length is max(length, Σ|count|).
 */
export function passwordViolations(password: string, options: PasswordCase): string[] {
  const length = options.length ?? 32;
  const set = options.specialCharacterSet ?? DEFAULT_SET;
  const classOf = (ch: string): (typeof CLASSES)[number] | undefined => {
    if (/^[a-z]$/.test(ch)) return 'lowercase';
    if (/^[A-Z]$/.test(ch)) return 'uppercase';
    if (/^[0-9]$/.test(ch)) return 'digits';
    return set.includes(ch) ? 'special' : undefined;
  };
  const chars = [...password];
  const violations: string[] = [];
  const counts = CLASSES.map((name) => options[name] ?? null);
  const total = counts.reduce<number>((sum, c) => sum + Math.abs(c ?? 0), 0);
  const everyExact = counts.every((c) => c !== null && c <= 0);
  const negativesBecomeMinimums = everyExact && total < length;
  const fillerNeeded = length > total;
  const fillerClasses = CLASSES.filter((name, i) => {
    const c = counts[i] ?? null;
    const hasChars = name !== 'special' || set.length > 0;
    return hasChars && (c === null || c > 0 || (negativesBecomeMinimums && c < 0));
  });
  const fallbackToAll = fillerNeeded && fillerClasses.length === 0;

  if (chars.length !== Math.max(length, total)) violations.push(`length ${chars.length} ≠ ${Math.max(length, total)}`);
  const seen = { lowercase: 0, uppercase: 0, digits: 0, special: 0 };
  for (const ch of chars) {
    const cls = classOf(ch);
    if (cls === undefined) violations.push(`character outside every class: ${JSON.stringify(ch)}`);
    else seen[cls]++;
  }
  CLASSES.forEach((name, i) => {
    const c = counts[i] ?? null;
    if (c === null || fallbackToAll) return;
    const minimum = c > 0 || (negativesBecomeMinimums && c < 0);
    if (minimum && seen[name] < Math.abs(c)) violations.push(`${name}: ${seen[name]} < minimum ${Math.abs(c)}`);
    if (!minimum && seen[name] !== Math.abs(c)) violations.push(`${name}: ${seen[name]} ≠ exactly ${Math.abs(c)}`);
  });
  return violations;
}

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
export function chiSquareUniform(observed: readonly number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  const expected = total / observed.length;
  return observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
}

const count = fc.option(fc.integer({ min: -12, max: 12 }), { nil: null });
const specialSet = fc.oneof(
  fc.constant(undefined),
  fc
    .uniqueArray(fc.constantFrom(...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ '), { minLength: 1, maxLength: 12 })
    .map((a) => a.join('')),
);
/** Option sets: lengths 0–60, counts −12…12 or unset, the default or a custom special set disjoint from letters and digits. */
export const passwordCase: fc.Arbitrary<PasswordCase> = fc.record(
  {
    length: fc.integer({ min: 0, max: 60 }),
    lowercase: count,
    uppercase: count,
    digits: count,
    special: count,
    specialCharacterSet: specialSet,
  },
  { requiredKeys: [] },
);
