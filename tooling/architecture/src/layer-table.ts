// Reads the "who may import what" table out of ARCHITECTURE.md, so the page and the enforced rules are one.

/** One row of the table: a workspace package and the workspace packages it may use. */
export interface LayerRule {
  readonly name: string;
  readonly directory: string;
  readonly present: boolean;
  /** What shipped code may import: package names, or `name/subpath` to allow that subpath only. */
  readonly imports: readonly string[];
  /** What tests, test support and config files may use on top of `imports`. */
  readonly testImports: readonly string[];
}

const BEGIN = '<!-- architecture:packages:begin -->';
const END = '<!-- architecture:packages:end -->';

function names(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
}

/**
 * Parses the table between the `architecture:packages` markers of ARCHITECTURE.md.
 *
 * @example
 * const rules = parseLayerTable(readFileSync('ARCHITECTURE.md', 'utf8'));
 */
export function parseLayerTable(markdown: string): Map<string, LayerRule> {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start === -1 || end < start) throw new Error(`ARCHITECTURE.md has no ${BEGIN} … ${END} table`);
  const rows = markdown
    .slice(start + BEGIN.length, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2); // header and separator
  const rules = new Map<string, LayerRule>();
  for (const row of rows) {
    const cells = row.split('|').slice(1, -1);
    if (cells.length !== 5) throw new Error(`ARCHITECTURE.md table row needs 5 cells: ${row}`);
    const [name, directory] = [names(cells[0] ?? '')[0], names(cells[1] ?? '')[0]];
    if (name === undefined || directory === undefined) throw new Error(`ARCHITECTURE.md table row: ${row}`);
    rules.set(name, {
      name,
      directory,
      present: (cells[2] ?? '').trim() === 'present',
      imports: names(cells[3] ?? ''),
      testImports: names(cells[4] ?? ''),
    });
  }
  return rules;
}
