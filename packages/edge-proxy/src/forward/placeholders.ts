// `{{keeper://…}}` placeholders in an outbound request template: find them, and fill them in per position.
import { EdgeError } from '../errors.js';

const PLACEHOLDER = /\{\{\s*(keeper:\/\/[^{}\s]+)\s*\}\}/g;

/** The most distinct placeholders one forward may use. */
export const MAX_PLACEHOLDERS = 20;

/**
 * The distinct notations of every placeholder in `texts`, in order of first appearance.
 *
 * @example
 * findPlaceholders(['Bearer {{keeper://UID/field/password}}']); // ['keeper://UID/field/password']
 */
export function findPlaceholders(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(PLACEHOLDER)) found.add(match[1] as string);
  if (found.size > MAX_PLACEHOLDERS) {
    throw new EdgeError('ERR_INVALID_REQUEST', 400, `At most ${MAX_PLACEHOLDERS} distinct placeholders per request`);
  }
  return [...found];
}

/**
 * Replaces each placeholder with `encode(value)`.
 *
 * @example
 * fill('key={{keeper://UID/field/password}}', values, encodeURIComponent);
 */
export function fill(text: string, values: ReadonlyMap<string, string>, encode: (value: string) => string): string {
  return text.replace(PLACEHOLDER, (_whole, notation: string) => encode(values.get(notation) ?? ''));
}

/**
 * True when `text` holds a placeholder.
 *
 * @example
 * hasPlaceholder('{{keeper://UID/field/password}}'); // true
 */
export function hasPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}
