// Keeper Notation parser (spec §7.1): optional keeper:// prefix, record, selector, parameter, two indexes, escapes.
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import type { NotationPositions, NotationSelector, NotationSpan, ParsedNotation } from './types.js';

/** Options of `parseNotation`. */
export interface ParseNotationOptions {
  /**
   * Legacy mode (used by `getValue`): a non-numeric first index with no second index is read as
   * `[][x]`, so `name[first]` works; a non-numeric first index followed by a second one is kept as is.
   */
  readonly legacy?: boolean;
}

const PREFIX = 'keeper://';
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const SELECTOR_WORDS = 'one of type, title, notes, field, custom_field, file';
const SELECTORS = new Map<string, NotationSelector>(
  (['type', 'title', 'notes', 'field', 'custom_field', 'file'] as const).map((s) => [s, s]),
);
const DIGITS = /^[0-9]*$/;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses Keeper Notation into plain data. Input without any `/` is base64url-decoded (UTF-8) first.
 * Throws `ERR_NOTATION_SYNTAX` with `details.position` and `details.expected`; messages never quote the input.
 *
 * Differences from the official JS parser (17.5.0), where its result is plainly wrong:
 * - a parameter ending in an escaped backslash before its index (`a\\[0]`) parses (official loses the `[`);
 * - an index ending in an escaped backslash (`[x\\]`) parses (official reports it as unterminated);
 * - malformed base64 input is rejected (official's decoder silently drops invalid characters).
 *
 * @example
 * parseNotation('keeper://My Record/custom_field/phone[0][number]')
 * // { record: 'My Record', selector: 'custom_field', parameter: 'phone', index1: '0', index2: 'number', ... }
 */
export function parseNotation(input: string, options: ParseNotationOptions = {}): ParsedNotation {
  if (input.length === 0) fail(0, 'a keeper:// URI or URL-safe base64 text', 'notation is empty');
  const decoded = !input.includes('/');
  const text = decoded ? decodeBase64Notation(input) : input;

  const prefixed = text.startsWith(PREFIX) || text.slice(0, PREFIX.length).toLowerCase() === PREFIX;
  const recordStart = prefixed ? PREFIX.length : 0;
  if (recordStart >= text.length) fail(recordStart, 'a record UID or title', 'missing record');
  const record = scan(text, recordStart, SLASH);
  if (!record.stopped) fail(text.length, "'/' followed by a selector", 'missing selector');

  const selectorStart = record.end + 1;
  if (selectorStart >= text.length) fail(selectorStart, SELECTOR_WORDS, 'missing selector');
  const slash = text.indexOf('/', selectorStart);
  const selectorEnd = slash < 0 ? text.length : slash;
  const word = text.slice(selectorStart, selectorEnd);
  const selector = SELECTORS.get(word) ?? SELECTORS.get(word.toLowerCase());
  if (selector === undefined) {
    const shown = word.length > 24 ? `${word.slice(0, 24)}…` : word;
    fail(selectorStart, SELECTOR_WORDS, `bad selector '${shown}'`);
  }
  const positions: Mutable<NotationPositions> = {
    record: { start: recordStart, end: record.end },
    selector: { start: selectorStart, end: selectorEnd },
  };
  const result: Mutable<ParsedNotation> = { record: record.value, selector, positions, decoded };

  if (selector === 'type' || selector === 'title' || selector === 'notes') {
    // One trailing '/' is tolerated (`UID/type/`), as the official parser does.
    if (slash >= 0 && slash + 1 < text.length)
      fail(slash + 1, 'end of notation', 'extra characters after last section');
    return result;
  }

  const parameterStart = slash + 1;
  if (slash < 0 || parameterStart >= text.length) {
    fail(text.length, 'a field type, label, file name or file UID', `selector '${selector}' requires a parameter`);
  }
  const parameter = scan(text, parameterStart, OPEN);
  positions.parameter = { start: parameterStart, end: parameter.end };
  result.parameter = parameter.value;
  if (!parameter.stopped) return result;

  const index1 = scanIndex(text, parameter.end);
  const index2 = index1.span.end < text.length ? scanIndex(text, index1.span.end) : undefined;
  if (index2 && index2.span.end < text.length) {
    fail(index2.span.end, 'end of notation', 'extra characters after last section');
  }
  if (selector === 'file') fail(index1.span.start, 'no index after a file name', 'file selectors accept no indexes');
  if (!index2 && options.legacy === true && !DIGITS.test(index1.value)) {
    // Legacy reading of `[x]` as `[][x]`.
    positions.index2 = index1.span;
    result.index1 = '';
    result.index2 = index1.value;
    return result;
  }
  if (options.legacy !== true && !DIGITS.test(index1.value)) {
    fail(index1.span.start, '[n] or []', 'first index must be numeric: [n] or []');
  }
  positions.index1 = index1.span;
  result.index1 = index1.value;
  if (index2) {
    positions.index2 = index2.span;
    result.index2 = index2.value;
  }
  return result;
}

interface Scan {
  /** Unescaped text. */
  readonly value: string;
  /** Offset of the stop character, or the text length. */
  readonly end: number;
  readonly stopped: boolean;
}

interface Section {
  readonly value: string;
  readonly span: NotationSpan;
}

/** Reads escaped text from `start` up to the first unescaped `stop` (or `alsoStop`) character. */
function scan(text: string, start: number, stop: number, alsoStop = -1): Scan {
  // Built char by char on purpose: engines keep slices as views into the notation, which V8 compares several
  // times slower, and the record text is compared with every record's UID and title.
  let value = '';
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next !== SLASH && next !== OPEN && next !== CLOSE && next !== BACKSLASH) {
        fail(i, String.raw`one of \/ \[ \] \\`, 'Incorrect escape sequence');
      }
      value += text[i + 1];
      i++;
    } else if (code === stop || code === alsoStop) {
      return { value, end: i, stopped: true };
    } else {
      value += text[i];
    }
  }
  return { value, end: i, stopped: false };
}

/** Reads one `[...]` section starting at `start`. */
function scanIndex(text: string, start: number): Section {
  if (text.charCodeAt(start) !== OPEN) fail(start, "'['", "Index sections must start with '['");
  const inner = scan(text, start + 1, OPEN, CLOSE);
  if (!inner.stopped) fail(text.length, "']'", "Index sections must be enclosed in '[' and ']'");
  if (text.charCodeAt(inner.end) === OPEN) {
    fail(inner.end, String.raw`']' or an escaped '\['`, "Index sections do not allow an unescaped '['");
  }
  return { value: inner.value, span: { start, end: inner.end + 1 } };
}

function decodeBase64Notation(input: string): string {
  try {
    return utf8Decode(base64Decode(input));
  } catch (error) {
    const position = (error as KsmError).details?.position;
    throw new KsmError(
      'ERR_NOTATION_SYNTAX',
      'Keeper notation is neither a keeper:// URI (it has no "/") nor URL-safe base64',
      { position: typeof position === 'number' ? position : 0, expected: 'a keeper:// URI or URL-safe base64 text' },
      { cause: error },
    );
  }
}

function fail(position: number, expected: string, what: string): never {
  throw new KsmError('ERR_NOTATION_SYNTAX', `Keeper notation: ${what} at position ${position}; expected ${expected}`, {
    position,
    expected,
  });
}
