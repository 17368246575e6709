// Parses the Groovy map literal a `withKsm(...)` call uses: maps, lists, strings, numbers, booleans, comments.
import { StepError } from '../errors.js';
import { readGroovyString } from './groovy-string.js';

const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;

/** A recursive-descent reader over the text with line/column error reporting. */
class Reader {
  pos = 0;
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  fail(message: string, at = this.pos): never {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new StepError('ERR_SPEC_SYNTAX', `Spec syntax error at line ${line}, column ${column}: ${message}`, {
      line,
      column,
    });
  }

  skip(): void {
    for (;;) {
      const rest = this.text.slice(this.pos);
      const space = /^\s+/.exec(rest);
      if (space) this.pos += space[0].length;
      else if (rest.startsWith('//')) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.text.length : end;
      } else if (rest.startsWith('/*')) {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end === -1) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else return;
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.pos] ?? '';
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}' but found ${this.describe()}`);
    this.pos += 1;
  }

  describe(): string {
    const char = this.text[this.pos];
    return char === undefined ? 'the end of the text' : `'${char}'`;
  }

  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null) return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  string(): string {
    const { value, end } = readGroovyString(this.text, this.pos, (message, at) => this.fail(message, at));
    this.pos = end;
    return value;
  }

  key(): string {
    const char = this.peek();
    if (char === "'" || char === '"') return this.string();
    const name = this.match(IDENT);
    if (name === undefined) this.fail(`expected a map key but found ${this.describe()}`);
    return name;
  }

  /** Entries `key: value, …` up to (not including) `close`; trailing comma allowed. */
  entries(close: string): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.peek() !== close) {
      const at = this.pos;
      const key = this.key();
      this.expect(':');
      if (Object.hasOwn(map, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, at);
      map[key] = this.value();
      if (this.peek() === ',') this.pos += 1;
      else if (this.peek() !== close) this.fail(`expected ',' or '${close}' but found ${this.describe()}`);
    }
    return map;
  }

  /** `[` already consumed: a list, a map, or `[:]`. */
  bracket(): unknown {
    if (this.peek() === ':') {
      this.pos += 1;
      this.expect(']');
      return {};
    }
    if (this.peek() === ']') {
      this.pos += 1;
      return [];
    }
    const save = this.pos;
    const isMap = (() => {
      const char = this.peek();
      if (char === "'" || char === '"') this.string();
      else if (this.match(IDENT) === undefined) return false;
      return this.peek() === ':';
    })();
    this.pos = save;
    if (isMap) {
      const map = this.entries(']');
      this.expect(']');
      return map;
    }
    const list: unknown[] = [];
    while (this.peek() !== ']') {
      list.push(this.value());
      if (this.peek() === ',') this.pos += 1;
      else if (this.peek() !== ']') this.fail(`expected ',' or ']' but found ${this.describe()}`);
    }
    this.pos += 1;
    return list;
  }

  value(): unknown {
    const char = this.peek();
    if (char === '[') {
      this.pos += 1;
      return this.bracket();
    }
    if (char === "'" || char === '"') return this.string();
    const number = this.match(NUMBER);
    if (number !== undefined) return Number(number);
    const word = this.match(IDENT);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word !== undefined)
      this.fail(`${word} is a variable or expression; only literal values are supported`, this.pos - word.length);
    return this.fail(`expected a value but found ${this.describe()}`);
  }
}

/**
 * Parses a `withKsm` argument written in Groovy: a map literal `[application: [...]]`, the named arguments
 * `application: [...]`, or the whole call `withKsm(application: [...]) { … }` (the body is ignored). Single,
 * double and triple quotes, trailing commas and comments are allowed; anything else fails with
 * `ERR_SPEC_SYNTAX` and its line and column.
 *
 * @example
 * parseGroovySpec("[application: [[credentialsId: 'ci', secrets: []]]]"); // { application: [{ credentialsId: 'ci', secrets: [] }] }
 */
export function parseGroovySpec(text: string): Record<string, unknown> {
  const reader = new Reader(text);
  reader.skip();
  let result: unknown;
  if (reader.match(/withKsm\s*\(/y) !== undefined) {
    result = reader.peek() === '[' ? reader.value() : reader.entries(')');
    reader.expect(')');
    if (reader.peek() === '{') return asMap(reader, result);
  } else if (reader.peek() === '[') {
    result = reader.value();
  } else {
    result = reader.entries('');
  }
  if (reader.peek() !== '') reader.fail(`unexpected ${reader.describe()} after the spec`);
  return asMap(reader, result);
}

function asMap(reader: Reader, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    reader.fail('expected a map such as [application: [...]]', 0);
  return value as Record<string, unknown>;
}
