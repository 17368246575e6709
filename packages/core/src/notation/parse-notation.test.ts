// Parser tests: the parser-only and syntax rows of spec §7.4, positions, base64url input and fuzzing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { parseNotation } from './parse-notation.js';
import { FIXTURE_UID as UID } from './spec-fixture.test-support.js';

/** The sections of a parse, without positions. */
function sections(text: string, legacy = false) {
  const { record, selector, parameter, index1, index2 } = parseNotation(text, { legacy });
  return { record, selector, parameter, index1, index2 };
}

function syntaxError(text: string, legacy = false) {
  try {
    parseNotation(text, { legacy });
  } catch (error) {
    if (isKsmError(error, 'ERR_NOTATION_SYNTAX')) return error;
    throw error;
  }
  throw new Error('expected ERR_NOTATION_SYNTAX');
}

describe('parseNotation', () => {
  it.each([
    ['/type', { record: '', selector: 'type' }],
    ['/title', { record: '', selector: 'title' }],
    ['/notes', { record: '', selector: 'notes' }],
    ['/file/filename.ext', { record: '', selector: 'file', parameter: 'filename.ext' }],
    ['/field/text', { record: '', selector: 'field', parameter: 'text' }],
    [
      String.raw`/custom_field/label with \[[0][middle]`,
      { record: '', selector: 'custom_field', parameter: 'label with [', index1: '0', index2: 'middle' },
    ],
    [
      String.raw`title with \[\]\//custom_field/label with \[[0][middle]`,
      { record: 'title with []/', selector: 'custom_field', parameter: 'label with [', index1: '0', index2: 'middle' },
    ],
    ['U/custom_field/a/b', { record: 'U', selector: 'custom_field', parameter: 'a/b' }],
    [String.raw`U/field/a[0][x\]y]`, { record: 'U', selector: 'field', parameter: 'a', index1: '0', index2: 'x]y' }],
    ['U/field/a[][]', { record: 'U', selector: 'field', parameter: 'a', index1: '', index2: '' }],
    ['U/field/a]b', { record: 'U', selector: 'field', parameter: 'a]b' }],
    ['U[/title', { record: 'U[', selector: 'title' }],
    ['keeper://U/TITLE', { record: 'U', selector: 'title' }],
    ['keeper://U/Field/login', { record: 'U', selector: 'field', parameter: 'login' }],
    [`KEEPER://${UID}/field/login`, { record: UID, selector: 'field', parameter: 'login' }],
    ['U/type/', { record: 'U', selector: 'type' }],
    ['U/field/[0]', { record: 'U', selector: 'field', parameter: '', index1: '0' }],
    ['U/field/ a [007]', { record: 'U', selector: 'field', parameter: ' a ', index1: '007' }],
    ['keeper:///title', { record: '', selector: 'title' }],
    ['\u212AEEPER://U/notes', { record: 'U', selector: 'notes' }],
  ] as const)('parses %s', (text, expected) => {
    expect(sections(text)).toEqual({ parameter: undefined, index1: undefined, index2: undefined, ...expected });
  });

  it.each([
    ['/file', 'file requires a parameter'],
    ['/type/extra', 'extra characters'],
    [`keeper://${UID}/fields/login`, 'bad selector'],
    [`keeper://${UID}/type/extra`, 'extra characters'],
    [`keeper://${UID}/file`, 'requires parameters'],
    [`keeper://${UID}/field/`, 'requires parameters'],
    [`keeper://${UID}/file/qr.png[0]`, 'file accepts no indexes'],
    [`keeper://${UID}/field/login[a]`, 'first index must be numeric'],
    [`keeper://${UID}/custom_field/name[first]`, 'first index must be numeric'],
    [`keeper://${UID}/field/login[0`, 'unterminated index'],
    [`keeper://${UID}/field/login[0][x][y]`, 'extra characters'],
    [`keeper://${UID}/custom_field/phone[][number]x`, 'extra characters'],
    ['U/field/a[1]b', "index must start with '['"],
    ['U/field/a[0[1]', "unescaped '[' inside an index"],
    [String.raw`U/field/a\x`, 'bad escape'],
    [String.raw`U\x/type`, 'bad escape in record'],
    ['U', 'no selector'],
    ['U/', 'no selector'],
    ['keeper://', 'no record'],
    ['', 'empty'],
    ['not base64!', 'neither URI nor base64'],
  ])('rejects %s (%s)', (text) => {
    const error = syntaxError(text);
    expect(typeof error.details.position).toBe('number');
    expect(typeof error.details.expected).toBe('string');
  });

  it('names the position of a bad escape, counted from the start of the text', () => {
    const error = syntaxError(`keeper://${UID}/field/login\\`);
    expect(error.details.position).toBe(43);
    expect(error.message).toContain('Incorrect escape sequence at position 43');
  });

  it('names the first index position when it is not numeric', () => {
    const text = `${UID}/field/login[a]`;
    const error = syntaxError(text);
    expect(error.details.position).toBe(text.indexOf('['));
    expect(error.details.expected).toBe('[n] or []');
  });

  it('reports where each section is', () => {
    const text = String.raw`keeper://a\/b/Custom_Field/x\[y[0][p]`;
    const parsed = parseNotation(text);
    const at = (span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : null);
    expect(at(parsed.positions.record)).toBe(String.raw`a\/b`);
    expect(at(parsed.positions.selector)).toBe('Custom_Field');
    expect(at(parsed.positions.parameter)).toBe(String.raw`x\[y`);
    expect(at(parsed.positions.index1)).toBe('[0]');
    expect(at(parsed.positions.index2)).toBe('[p]');
    expect(parsed.decoded).toBe(false);
  });

  it('reads legacy [x] as [][x] and keeps [x][y] as is', () => {
    expect(sections('U/custom_field/name[first]', true)).toMatchObject({ index1: '', index2: 'first' });
    expect(sections('U/field/a[1a][b]', true)).toMatchObject({ index1: '1a', index2: 'b' });
    expect(sections('U/field/a[3]', true)).toMatchObject({ index1: '3', index2: undefined });
    const legacy = parseNotation('U/custom_field/name[first]', { legacy: true });
    expect(legacy.positions.index1).toBeUndefined();
    expect(legacy.positions.index2).toEqual({ start: 19, end: 26 });
  });

  it('base64url-decodes input without any "/"', () => {
    const encoded = 'a2VlcGVyOi8vazlxTXBjTzBhc3p6OXczbGk1WGJhUS9maWVsZC9sb2dpbg';
    expect(base64UrlEncode(utf8Encode(`keeper://${UID}/field/login`))).toBe(encoded);
    const parsed = parseNotation(encoded);
    expect(parsed).toMatchObject({ record: UID, selector: 'field', parameter: 'login', decoded: true });
    expect(sections(`${encoded}=`)).toMatchObject({ record: UID, parameter: 'login' });
  });

  it('accepts parameters ending in an escaped backslash before an index (official parser does not)', () => {
    expect(sections(String.raw`U/field/a\\[0]`)).toMatchObject({ parameter: 'a\\', index1: '0' });
    expect(sections(String.raw`U/field/a[0][x\\]`)).toMatchObject({ index2: 'x\\' });
    syntaxError(String.raw`U/field/a\\[[0]`);
  });

  it('throws only ERR_NOTATION_SYNTAX for arbitrary input, in both modes', () => {
    const alphabet = fc.constantFrom('/', '\\', '[', ']', 'a', '0', ' ', 'k', 'eeper:', 'field', 'file', 'type', 'é');
    const notationish = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), notationish), fc.boolean(), (text, legacy) => {
        try {
          const parsed = parseNotation(text, { legacy });
          expect(typeof parsed.record).toBe('string');
        } catch (error) {
          if (!isKsmError(error, 'ERR_NOTATION_SYNTAX')) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
