// Timing harness: runs a task until a time budget is spent and reports median and p95 wall time.

/** One line of a benchmark table: the same task done by ksmkit and by the official SDK. */
export interface BenchRow {
  readonly benchmark: string;
  readonly unit: string;
  readonly ours: number;
  readonly official: number | null;
  /** What "better" means for this row: a smaller number (time, bytes) or a larger one (ops/s). */
  readonly better: 'lower' | 'higher';
  readonly note?: string;
}

/** Wall-time statistics of repeated runs, in milliseconds. */
export interface Timing {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly mean: number;
}

/**
 * Runs `task` a few times to warm up, then until `budgetMs` has passed (and at least `minRuns` times).
 *
 * @example
 * const t = await time(() => decryptAll(payload), { budgetMs: 2000 });
 */
export async function time(
  task: () => unknown,
  { budgetMs = 2_000, minRuns = 5, warmup = 3 }: { budgetMs?: number; minRuns?: number; warmup?: number } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < budgetMs) {
    const t0 = performance.now();
    await task();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

/**
 * Times two tasks alternately (a, b, a, b, …) until `budgetMs` has passed, so that drift in machine load hits
 * both sides alike; returns one Timing per task.
 *
 * @example
 * const [ours, theirs] = await timePair(() => client.getSecrets(), () => ksm.getSecrets(options));
 */
export async function timePair(
  a: () => unknown,
  b: () => unknown,
  { budgetMs = 4_000, minRuns = 5, warmup = 3 }: { budgetMs?: number; minRuns?: number; warmup?: number } = {},
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  const start = performance.now();
  while (samplesA.length < minRuns || performance.now() - start < budgetMs) {
    let t0 = performance.now();
    await a();
    samplesA.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    samplesB.push(performance.now() - t0);
  }
  return [stats(samplesA), stats(samplesB)];
}

/** Median, p95 and mean of samples in milliseconds (sorts them in place). */
function stats(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return {
    runs: samples.length,
    median: pick(0.5),
    p95: pick(0.95),
    mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
  };
}

/**
 * Prints rows as an aligned table with the ksmkit/official ratio and which side the row favours; `theirs` renames
 * the comparison column when it is not the official SDK (e.g. a naive baseline).
 */
export function printTable(title: string, rows: readonly BenchRow[], theirs = 'official'): void {
  const header = ['benchmark', 'unit', 'ksmkit', theirs, `ksmkit/${theirs}`, 'better', 'note'];
  const body = rows.map((row) => [
    row.benchmark,
    row.unit,
    format(row.ours),
    row.official === null ? '-' : format(row.official),
    row.official === null ? '-' : `${(row.ours / row.official).toFixed(2)}x`,
    verdict(row, theirs),
    row.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const cells of body) console.log(line(cells));
}

function verdict(row: BenchRow, theirs: string): string {
  if (row.official === null || row.ours === row.official) return '-';
  return row.ours < row.official === (row.better === 'lower') ? 'ksmkit' : theirs;
}

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
