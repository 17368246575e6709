// Keeper Notation serializer: turns a Notation back into text, escaping only what the grammar needs.
import { KsmError } from '../errors.js';
import type { Notation } from './types.js';

/** Options of `formatNotation`. */
export interface FormatNotationOptions {
  /** Start with `keeper://` (default true). */
  readonly prefix?: boolean;
}

const SHORT_SELECTORS: readonly string[] = ['type', 'title', 'notes'];
const LONG_SELECTORS: readonly string[] = ['field', 'custom_field', 'file'];

/**
 * Formats a notation so that `parseNotation(formatNotation(n))` gives `n` back. Escapes `\` and `/` in the
 * record, `\` and `[` in the parameter, and `\`, `[`, `]` in indexes. Throws `ERR_INVALID_INPUT` for shapes
 * the grammar cannot express (a parameter on type/title/notes, indexes on file, an empty parameter with no
 * index, a second index without a first).
 *
 * @example
 * formatNotation({ record: 'title with []/', selector: 'custom_field', parameter: 'label with [', index1: '0', index2: 'middle' })
 * // 'keeper://title with []\//custom_field/label with \[[0][middle]'
 */
export function formatNotation(notation: Notation, options: FormatNotationOptions = {}): string {
  const { record, selector, parameter, index1, index2 } = notation;
  const head = `${options.prefix === false ? '' : 'keeper://'}${escapeChars(record, '\\/')}/${selector}`;
  if (SHORT_SELECTORS.includes(selector)) {
    if (parameter !== undefined || index1 !== undefined || index2 !== undefined) {
      invalid(`selector '${selector}' takes no parameter or index`);
    }
    return head;
  }
  if (!LONG_SELECTORS.includes(selector))
    invalid('selector must be one of type, title, notes, field, custom_field, file');
  if (parameter === undefined) invalid(`selector '${selector}' requires a parameter`);
  if (selector === 'file' && (index1 !== undefined || index2 !== undefined))
    invalid('file selectors accept no indexes');
  if (index1 === undefined && index2 !== undefined)
    invalid('a second index needs a first index (use [] for all values)');
  if (parameter === '' && index1 === undefined) invalid('an empty parameter can only be written before an index');
  let text = `${head}/${escapeChars(parameter, '\\[')}`;
  if (index1 !== undefined) text += `[${escapeChars(index1, '\\[]')}]`;
  if (index2 !== undefined) text += `[${escapeChars(index2, '\\[]')}]`;
  return text;
}

/** Prefixes every character of `special` in `text` with a backslash. */
function escapeChars(text: string, special: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (special.includes(text[i] as string)) {
      out += `${text.slice(run, i)}\\`;
      run = i;
    }
  }
  return out + text.slice(run);
}

function invalid(reason: string): never {
  throw new KsmError('ERR_INVALID_INPUT', `Cannot format Keeper notation: ${reason}`, { reason });
}
