// secretForms: every string one value is masked as, for tools that register masks elsewhere (e.g. ::add-mask::).
import { patternsOf } from './forms/derive.js';
import { resolveOptions } from './policy.js';
import type { RedactorOptions } from './types.js';

/**
 * Lists the patterns a redactor with these options masks for `value` (the literal, lines, base64 stable parts and
 * full encodings, percent, JSON, shell and XML forms), deduplicated. Empty when the value is blank or too short.
 *
 * @example
 * for (const form of secretForms(value)) console.log(`::add-mask::${form}`);
 */
export function secretForms(value: string, options?: RedactorOptions): string[] {
  const resolved = resolveOptions(options);
  if (value.trim() === '' || [...value].length < resolved.minLength) return [];
  return patternsOf(value, resolved.forms, resolved.minLength);
}
