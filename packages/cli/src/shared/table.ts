// Plain-text tables as Keeper's KSM CLI prints them: a header row, a rule of `=` under each column, then the rows.

/** One column: its header and whether its cells are centred (Keeper centres the `Active` marker). */
export interface TableColumn {
  readonly header: string;
  readonly center?: boolean;
}

function pad(text: string, width: number, center: boolean): string {
  if (!center) return text.padEnd(width);
  const left = Math.floor((width - text.length) / 2);
  return `${' '.repeat(left)}${text}`.padEnd(width);
}

/**
 * Formats rows under their headers with a `=` rule, one space before each column, widths fitted to the content.
 *
 * @example
 * formatTable([{ header: 'UID' }, { header: 'Title' }], [['w5cQhGjMzeZOc_x9i4BcmA', 'My Website']]);
 * // " UID                    Title\n ====================== ==========\n w5cQhGjMzeZOc_x9i4BcmA My Website\n"
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    ` ${columns.map((column, i) => pad(cells[i] ?? '', widths[i] as number, column.center === true)).join(' ')}`.trimEnd();
  const rule = ` ${widths.map((width) => '='.repeat(width)).join(' ')}`;
  return `${[line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n')}\n`;
}
