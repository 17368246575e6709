// Derives every pattern one secret is masked in, from the enabled forms.
import type { RedactForm } from '../types.js';
import { base64Forms } from './base64.js';
import { jsonForms } from './json.js';
import { percentForms } from './percent.js';
import { shellForms } from './shell.js';
import { xmlForms } from './xml.js';

/** Which forms are on; a missing key means on. */
export type FormSwitches = Readonly<Partial<Record<RedactForm, boolean>>>;

const encoder = new TextEncoder();

/** The text forms (not base64) of one string: literal, percent, JSON, shell, XML. */
function textForms(value: string, on: (form: RedactForm) => boolean): string[] {
  const bytes = encoder.encode(value);
  return [
    ...(on('literal') ? [value] : []),
    ...(on('percent') ? percentForms(bytes) : []),
    ...(on('json') ? jsonForms(value) : []),
    ...(on('shell') ? shellForms(value) : []),
    ...(on('xml') ? xmlForms(value) : []),
  ];
}

/**
 * Every distinct pattern of `value`: its text forms, base64 in both alphabets, and, for a multi-line value, each
 * trimmed line (with its text forms). Patterns shorter than `minLength` code units are left out.
 *
 * @example
 * patternsOf('hunter2', {}, 4); // ['hunter2', 'aHVudGVy', …]
 */
export function patternsOf(value: string, forms: FormSwitches, minLength: number): string[] {
  const on = (form: RedactForm): boolean => forms[form] !== false;
  const bytes = encoder.encode(value);
  const patterns = [
    ...textForms(value, on),
    ...(on('base64') ? base64Forms(bytes, false) : []),
    ...(on('base64url') ? base64Forms(bytes, true) : []),
  ];
  if (on('lines') && /[\r\n]/.test(value)) {
    for (const line of value.split(/\r\n|\r|\n/)) {
      const trimmed = line.trim();
      if (trimmed !== '' && trimmed !== value)
        patterns.push(...textForms(trimmed, (form) => form === 'literal' || on(form)));
    }
  }
  return [...new Set(patterns)].filter((pattern) => pattern.length >= Math.max(1, minLength));
}
