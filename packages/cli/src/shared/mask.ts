// Masking: hides secret values in output unless the user asked for them.

/** What a hidden value is shown as. */
export const MASK = '****';

/**
 * Returns `value` when `unmask` is true, else `****` (empty values stay empty).
 *
 * @example
 * mask('hunter2', false); // '****'
 */
export function mask(value: string, unmask: boolean): string {
  return unmask || value === '' ? value : MASK;
}
