// Latency statistics of repeated calls: p50 and p99 in milliseconds.

/** p50 and p99 of one operation. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/**
 * Runs `task` `warmup` times untimed, then `calls` times, and returns p50 and p99 of the timed calls.
 *
 * @example
 * const { p50 } = await measure(() => client.callTool({ name: 'health', arguments: {} }), 1_000);
 */
export async function measure(task: () => Promise<unknown>, calls: number, warmup = 20): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await task();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { p50: pick(0.5), p99: pick(0.99) };
}

/**
 * Prints an aligned table.
 *
 * @example
 * printTable('Tool latency', ['tool', 'p50'], [['list_secrets', '1.2']]);
 */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Milliseconds with two decimals. */
export const ms = (value: number): string => value.toFixed(2);
