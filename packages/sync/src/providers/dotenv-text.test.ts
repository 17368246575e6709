// The dotenv dialect round-trips any value, including quotes, newlines and dollar signs.
import { describe, expect, it } from 'vitest';
import { formatDotenv, parseDotenv } from './dotenv-text.js';

describe('dotenv text', () => {
  it('round-trips awkward values', () => {
    const pairs = new Map([
      ['PLAIN', 'abc-123'],
      ['SPACES', 'two words'],
      ['QUOTES', `it's "quoted"`],
      ['LINES', 'line1\nline2'],
      ['DOLLAR', 'a$b`c\\d'],
      ['EMPTY', ''],
    ]);
    expect(parseDotenv(formatDotenv(pairs))).toEqual(pairs);
  });
  it('reads export, comments and single quotes', () => {
    expect(parseDotenv("# c\nexport A=1 # note\nB='x y'\n")).toEqual(
      new Map([
        ['A', '1'],
        ['B', 'x y'],
      ]),
    );
  });
});
