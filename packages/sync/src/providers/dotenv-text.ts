// The dotenv dialect file targets read and write: KEY=value, single/double quotes, `export`, comments.

/**
 * Parses dotenv text into ordered key/value pairs (the last assignment of a key wins).
 *
 * @example
 * parseDotenv('A=1\nB="two words"\n'); // Map { 'A' => '1', 'B' => 'two words' }
 */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const line = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\n#]*?)\s*(?:#.*)?$/gm;
  for (const [, key, raw] of text.matchAll(line)) {
    if (key === undefined || raw === undefined) continue;
    let value = raw;
    if (raw.startsWith('"'))
      value = raw
        .slice(1, -1)
        .replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
    else if (raw.startsWith("'")) value = raw.slice(1, -1);
    out.set(key, value);
  }
  return out;
}

/**
 * Serialises pairs as dotenv, double-quoting (with escapes) any value that is not plain.
 *
 * @example
 * formatDotenv(new Map([['A', 'x y']])); // 'A="x y"\n'
 */
export function formatDotenv(pairs: ReadonlyMap<string, string>): string {
  let out = '';
  for (const [key, value] of pairs) {
    const plain = /^[A-Za-z0-9_./:@%+,=-]*$/.test(value);
    const quoted = `"${value
      .replace(/[\\"$`]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t')}"`;
    out += `${key}=${plain ? value : quoted}\n`;
  }
  return out;
}
