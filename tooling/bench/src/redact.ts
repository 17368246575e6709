// Masker benchmark: @ksmkit/redact streaming over build-log text vs a naive replaceAll loop and one longest-first
// regex alternation (what Jenkins' masker does), with 10, 100 and 1,000 secrets and every form of each.
import { loadavg } from 'node:os';
import { createRedactor, secretForms } from '@ksmkit/redact';
import type { BenchRow } from './harness.js';
import { makeLog, makeSecrets } from './redact-corpus.js';

/** Log size in MB (REDACT_BENCH_MB overrides, e.g. 10 while iterating). */
const SIZE_MB = Number(process.env.REDACT_BENCH_MB ?? 100);
/** Each slow baseline runs on a prefix of the log sized to take about this long. */
const BASELINE_BUDGET_MS = 4_000;
const CHUNK = 64 * 1024;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Throughput in MB/s (UTF-16 code units counted as bytes; the log is almost all ASCII), by CPU and wall time. */
interface Rate {
  readonly cpu: number;
  readonly wall: number;
}

/**
 * Best-of-`runs` throughput. CPU time (user + system of this process) is the headline figure because the benchmark
 * machine may be shared: wall time then mostly measures other processes. Both are reported.
 */
function throughput(text: string, task: (text: string) => unknown, runs: number): Rate {
  let cpu = Number.POSITIVE_INFINITY;
  let wall = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    task(text);
    wall = Math.min(wall, performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { cpu: text.length / 1e3 / cpu, wall: text.length / 1e3 / wall };
}

/** Times a slow task on a 1 MB prefix, then on a prefix sized to the budget; returns its rate and the MB measured. */
function sampled(log: string, task: (text: string) => unknown): Rate & { mb: number } {
  const probe = throughput(log.slice(0, 1_000_000), task, 1);
  const mb = Math.min(SIZE_MB, Math.max(1, Math.floor((probe.wall * BASELINE_BUDGET_MS) / 1000)));
  return { ...(mb === 1 ? probe : throughput(log.slice(0, mb * 1_000_000), task, 1)), mb };
}

const row = (benchmark: string, ours: Rate, theirs: Rate, note: string): BenchRow => ({
  benchmark,
  unit: 'MB/s (CPU)',
  ours: ours.cpu,
  official: theirs.cpu,
  better: 'higher',
  note,
});

/**
 * Runs the three maskers per secret count and returns one row per baseline.
 *
 * @example
 * printTable('masker', await run(), 'baseline');
 */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const count of [10, 100, 1_000]) {
    const secrets = makeSecrets(count, 1);
    const log = makeLog(SIZE_MB, secrets);
    const patterns = [...new Set(secrets.flatMap((value) => secretForms(value)))].sort((a, b) => b.length - a.length);
    const redactor = createRedactor(secrets.map((value, i) => ({ name: `SECRET_${i}`, value })));
    const ours = throughput(
      log,
      (text) => {
        const session = redactor.stream();
        let out = 0;
        for (let i = 0; i < text.length; i += CHUNK) out += session.write(text.slice(i, i + CHUNK)).length;
        return out + session.flush().length;
      },
      3,
    );
    const replaceAll = sampled(log, (text) => patterns.reduce((acc, pattern) => acc.replaceAll(pattern, '****'), text));
    const alternation = new RegExp(patterns.map(escapeRegExp).join('|'), 'g');
    const regex = sampled(log, (text) => text.replace(alternation, '****'));
    const label = `${count.toLocaleString('en-US')} secrets (${patterns.length.toLocaleString('en-US')} patterns)`;
    const load = loadavg()[0]!.toFixed(1);
    const note = (theirs: Rate & { mb: number }) =>
      `ours: ${SIZE_MB} MB in 64 KiB chunks, baseline: ${theirs.mb} MB; wall MB/s ${ours.wall.toFixed(0)} vs ${theirs.wall.toFixed(2)} (load ${load})`;
    rows.push(
      row(`${label} vs replaceAll loop`, ours, replaceAll, note(replaceAll)),
      row(`${label} vs regex alternation`, ours, regex, note(regex)),
    );
  }
  return rows;
}
