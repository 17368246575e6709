// Groovy string literals of a withKsm spec: '…', "…", '''…''', """…""" with escapes; no ${…} interpolation.

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
  '/': '/',
};

/** Reports a problem at an offset of the text (never returns). */
export type FailAt = (message: string, at: number) => never;

/**
 * Reads the string literal starting at `start` (on its opening quote); returns its value and the offset after it.
 *
 * @example
 * readGroovyString("'it\\'s'", 0, fail); // { value: "it's", end: 7 }
 */
export function readGroovyString(text: string, start: number, fail: FailAt): { value: string; end: number } {
  const triple = text.startsWith("'''", start) || text.startsWith('"""', start);
  const quote = triple ? text.slice(start, start + 3) : (text[start] as string);
  let pos = start + quote.length;
  let out = '';
  for (;;) {
    if (pos >= text.length) fail('unterminated string', start);
    if (text.startsWith(quote, pos)) return { value: out, end: pos + quote.length };
    const char = text[pos] as string;
    if (char === '\n' && !triple) fail('line break inside a quoted string (use triple quotes)', pos);
    if (char === '$' && quote.startsWith('"') && text[pos + 1] === '{')
      fail('a $' + '{…} expression cannot be evaluated here; write the value literally', pos);
    if (char !== '\\') {
      out += char;
      pos += 1;
      continue;
    }
    const next = text[pos + 1] ?? '';
    if (next === 'u') {
      const hex = text.slice(pos + 2, pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape', pos);
      out += String.fromCharCode(Number.parseInt(hex, 16));
      pos += 6;
    } else if (next === '\n') {
      pos += 2;
    } else {
      const escaped = ESCAPES[next];
      if (escaped === undefined) fail(`unknown escape \\${next}`, pos);
      out += escaped;
      pos += 2;
    }
  }
}
