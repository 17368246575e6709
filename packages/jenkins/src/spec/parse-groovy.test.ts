// The Groovy map literal subset a withKsm(...) call uses, and its line/column errors.
import { describe, expect, it } from 'vitest';
import { isStepError } from '../errors.js';
import { parseSpecText } from './load-spec.js';
import { parseGroovySpec } from './parse-groovy.js';

const EXPECTED = {
  application: [
    {
      credentialsId: 'PID-1',
      secrets: [
        { destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: 'keeper://abc/field/login' },
        { destination: 'file', envVar: '', filePath: 'img.png', notation: 'keeper://x/file/IMG 1.png' },
      ],
    },
  ],
};

describe('parseGroovySpec', () => {
  it('reads the map literal, named arguments and the whole call (quotes, trailing commas, comments)', () => {
    const inner = `[
      [ // the application
        credentialsId: "PID-1",
        secrets: [
          [destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: 'keeper://abc/field/login'],
          /* a file */ ['destination': "file", envVar: '', filePath: 'img.png', notation: '''keeper://x/file/IMG 1.png''',],
        ],
      ],
    ]`;
    expect(parseGroovySpec(`[application: ${inner}]`)).toEqual(EXPECTED);
    expect(parseGroovySpec(`application: ${inner}`)).toEqual(EXPECTED);
    expect(parseGroovySpec(`withKsm(application: ${inner}) {\n  sh 'make'\n}`)).toEqual(EXPECTED);
  });

  it('reads escapes, numbers, booleans, null, empty lists and maps', () => {
    expect(parseGroovySpec(`[a: 'it\\'s\\n', b: "\\u00e9\\$", c: 1, d: true, e: null, f: [], g: [:]]`)).toEqual({
      a: "it's\n",
      b: 'é$',
      c: 1,
      d: true,
      e: null,
      f: [],
      g: {},
    });
  });

  it.each([
    ["[application: [[credentialsId: 'x', secrets: foo]]]", 1, 46, 'variable or expression'],
    [`[application: "a $${'{b}'}"]`, 1, 18, 'cannot be evaluated'],
    ["[a: 'x'\n b: 'y']", 2, 2, "expected ',' or ']'"],
    ["[a: 'unterminated]", 1, 5, 'unterminated string'],
    ["[a: 'x', a: 'y']", 1, 10, 'duplicate key'],
    ["[a: 'x'] extra", 1, 10, 'after the spec'],
  ])('fails on %j at line %i column %i', (text, line, column, message) => {
    try {
      parseGroovySpec(text);
      expect.unreachable();
    } catch (error) {
      expect(isStepError(error, 'ERR_SPEC_SYNTAX')).toBe(true);
      expect((error as Error).message).toContain(message);
      expect((error as { details: object }).details).toEqual({ line, column });
    }
  });
});

describe('parseSpecText', () => {
  it('detects JSON, YAML and Groovy', async () => {
    expect(await parseSpecText(JSON.stringify(EXPECTED))).toEqual({ spec: EXPECTED, syntax: 'json' });
    const yaml = `application:\n  - credentialsId: PID-1\n    secrets:\n      - { destination: env, envVar: MY_LOGIN, filePath: "", notation: "keeper://abc/field/login" }\n      - { destination: file, envVar: "", filePath: img.png, notation: "keeper://x/file/IMG 1.png" }\n`;
    expect(await parseSpecText(yaml)).toEqual({ spec: EXPECTED, syntax: 'yaml' });
    expect((await parseSpecText('// c\n[application: []]')).syntax).toBe('groovy');
  });

  it('reports YAML and JSON syntax errors with a code', async () => {
    await expect(parseSpecText('application: [\n  - x')).rejects.toThrow(/line \d+, column \d+/);
    await expect(parseSpecText('{"application": ')).rejects.toThrow(/not valid JSON/);
    await expect(parseSpecText('just text')).rejects.toThrow(/must be a map/);
  });
});
