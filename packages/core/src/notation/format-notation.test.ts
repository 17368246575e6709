// Serializer tests: escaping, rejected shapes, and the parse(format(x)) round trip as a property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { formatNotation } from './format-notation.js';
import { parseNotation } from './parse-notation.js';
import type { Notation } from './types.js';

const piece = fc.constantFrom(
  '/',
  '\\',
  '[',
  ']',
  '[]',
  '\\\\',
  'a',
  'Z',
  '0',
  '7',
  ' ',
  '.',
  '-',
  'keeper://',
  'é',
  '😀',
);
const text = fc.oneof(
  fc.string(),
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
);
const digits = fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,4}$/));

/** Notations the strict grammar can express. */
const strictNotation: fc.Arbitrary<Notation> = fc.oneof(
  fc.record({ record: text, selector: fc.constantFrom('type' as const, 'title' as const, 'notes' as const) }),
  fc.record({ record: text, selector: fc.constant('file' as const), parameter: text.filter((p) => p !== '') }),
  fc
    .record(
      {
        record: text,
        selector: fc.constantFrom('field' as const, 'custom_field' as const),
        parameter: text,
        index1: digits,
        index2: text,
      },
      { requiredKeys: ['record', 'selector', 'parameter'] },
    )
    .filter(
      (n) => (n.index2 === undefined || n.index1 !== undefined) && (n.parameter !== '' || n.index1 !== undefined),
    ),
);

function sections({ record, selector, parameter, index1, index2 }: Notation): Notation {
  const out: { -readonly [K in keyof Notation]: Notation[K] } = { record, selector };
  if (parameter !== undefined) out.parameter = parameter;
  if (index1 !== undefined) out.index1 = index1;
  if (index2 !== undefined) out.index2 = index2;
  return out;
}

describe('formatNotation', () => {
  it('escapes the spec example', () => {
    const notation: Notation = {
      record: 'title with []/',
      selector: 'custom_field',
      parameter: 'label with [',
      index1: '0',
      index2: 'middle',
    };
    expect(formatNotation(notation, { prefix: false })).toBe(
      String.raw`title with []\//custom_field/label with \[[0][middle]`,
    );
    expect(formatNotation(notation)).toBe(String.raw`keeper://title with []\//custom_field/label with \[[0][middle]`);
  });

  it('escapes backslashes everywhere and brackets in indexes', () => {
    expect(formatNotation({ record: 'a\\b', selector: 'field', parameter: 'p\\]/', index1: '', index2: '[x]\\' })).toBe(
      String.raw`keeper://a\\b/field/p\\]/[][\[x\]\\]`,
    );
  });

  it.each([
    [{ record: 'r', selector: 'type', parameter: 'x' }],
    [{ record: 'r', selector: 'file', parameter: 'f', index1: '0' }],
    [{ record: 'r', selector: 'file' }],
    [{ record: 'r', selector: 'field', parameter: '' }],
    [{ record: 'r', selector: 'field', parameter: 'p', index2: 'x' }],
    [{ record: 'r', selector: 'fields', parameter: 'p' }],
  ] as unknown as [Notation][])('rejects a shape the grammar cannot express: %j', (notation) => {
    expect(() => formatNotation(notation)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });

  it('round-trips through parseNotation in strict mode, with and without prefix', () => {
    fc.assert(
      fc.property(strictNotation, fc.boolean(), (notation, prefix) => {
        const formatted = formatNotation(notation, { prefix });
        expect(sections(parseNotation(formatted))).toEqual(sections(notation));
        expect(sections(parseNotation(formatted, { legacy: true }))).toEqual(sections(notation));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips legacy notations whose first index is not numeric', () => {
    const legacy = fc.record({
      record: text,
      selector: fc.constantFrom('field' as const, 'custom_field' as const),
      parameter: text,
      index1: text.filter((t) => !/^[0-9]*$/.test(t)),
      index2: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(legacy, (notation) => {
        const formatted = formatNotation(notation);
        const parsed = sections(parseNotation(formatted, { legacy: true }));
        if (notation.index2 === undefined) {
          expect(parsed).toEqual({ ...sections(notation), index1: '', index2: notation.index1 });
        } else {
          expect(parsed).toEqual(sections(notation));
        }
        try {
          parseNotation(formatted);
          expect.unreachable('strict mode must reject a non-numeric first index');
        } catch (error) {
          expect(isKsmError(error, 'ERR_NOTATION_SYNTAX')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
