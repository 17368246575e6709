// JSON-string-escaped forms of a secret, as JavaScript, Python (ASCII-only) and Go (HTML-safe) write them.

const hex4 = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;

/**
 * The JSON string-body patterns of a secret (without the quotes): `JSON.stringify`; with non-ASCII as `\uXXXX`
 * (Python's default); with `<`, `>`, `&` as `\u003c` … (Go); with `/` as `\/` (PHP).
 *
 * @example
 * jsonForms('say "hi"'); // ['say \\"hi\\"', …]
 */
export function jsonForms(value: string): string[] {
  const standard = JSON.stringify(value).slice(1, -1);
  const ascii = standard.replace(/[^\x20-\x7e]/g, (char) => hex4(char.charCodeAt(0)));
  const htmlSafe = standard.replace(/[<>&]/g, (char) => hex4(char.charCodeAt(0)));
  const slashes = standard.replaceAll('/', '\\/');
  return [standard, ascii, htmlSafe, slashes];
}
