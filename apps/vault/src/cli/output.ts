// CLI output: one JSON document with `--json`, otherwise short human-readable lines and aligned tables.

/**
 * Prints `value` as JSON when `json` is set, else the human text `human()` returns.
 *
 * @example
 * emit(args.json, { uid }, () => `Created application ${uid}`);
 */
export function emit(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(json === true ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/**
 * Renders rows as an aligned text table with a header line; "(none)" when empty.
 *
 * @example
 * table(['UID', 'Title'], apps.map((a) => [a.uid, a.title]));
 */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '(none)';
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...text.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...text.map(line)].join('\n');
}

/**
 * Formats epoch milliseconds as an ISO timestamp ("-" for null).
 *
 * @example
 * when(client.boundAt); // '2026-11-25T03:54:35.000Z'
 */
export function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '-' : new Date(ms).toISOString();
}
