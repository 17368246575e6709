// Benchmark: get_secret throughput and latency of a real vault process (100 records) under 1, 8 and 32 official-SDK clients.
import * as ksm from '@keeper-security/secrets-manager-core';
import { startTestVault } from '@ksmkit/test-support';
import { type BenchRow, percentile } from './harness.js';
import { bindOfficialDevices, closedLoops } from './official-load.js';

const RECORDS = 100;
const LEVELS = [1, 8, 32] as const;
const SECONDS = Number(process.env.KSMKIT_BENCH_VAULT_SECONDS ?? 5);

/**
 * Runs the vault benchmark: one real `ksmkit-vault serve` process (tooling/test-support; build apps/vault first)
 * with an app of 100 records, and N bound official-SDK devices calling `getSecrets` in closed loops for a fixed
 * duration per level.
 *
 * @example
 * printTable('Vault', await run());
 */
export async function run(): Promise<BenchRow[]> {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    type: 'login',
    title: `Record ${i}`,
    fields: { login: `user${i}`, password: `password-${i}`, url: `https://host${i}.example` },
    notes: `bench record ${i}`,
  }));
  const vault = await startTestVault({
    seed: { folders: [{ name: 'Bench', records }], apps: [{ name: 'bench', shares: [{ folder: 'Bench' }] }] },
    throttle: { requests: 1_000_000_000, windowSeconds: 1 },
  });
  const minted = await vault.admin([
    'client',
    'add',
    '--app',
    'bench',
    '--unlock-ip',
    '--count',
    String(Math.max(...LEVELS)),
  ]);
  const tokens: string[] = minted.clients.map((client: { token: string }) => client.token);
  const rows: BenchRow[] = [];
  try {
    const devices = await bindOfficialDevices(vault, tokens, RECORDS);
    // Warm up both processes (JIT, SQLite page cache) before measuring.
    const warmEnd = performance.now() + 2000;
    await Promise.all(
      devices.slice(0, 8).map(async (options) => {
        while (performance.now() < warmEnd) await ksm.getSecrets(options);
      }),
    );
    for (const level of LEVELS) {
      const end = performance.now() + SECONDS * 1000;
      const {
        latencies,
        errors,
        seconds: elapsed,
      } = await closedLoops(devices.slice(0, level), () => performance.now() < end);
      const note = `${RECORDS} records, ${SECONDS}s, ${latencies.length} ok, ${errors} errors; clients and server on one host`;
      const name = `get_secret, ${level} client${level === 1 ? '' : 's'}`;
      rows.push({
        benchmark: name,
        unit: 'req/s',
        ours: latencies.length / elapsed,
        official: null,
        better: 'higher',
        note,
      });
      rows.push({
        benchmark: `${name}: p50`,
        unit: 'ms',
        ours: percentile(latencies, 0.5),
        official: null,
        better: 'lower',
      });
      rows.push({
        benchmark: `${name}: p99`,
        unit: 'ms',
        ours: percentile(latencies, 0.99),
        official: null,
        better: 'lower',
      });
    }
  } finally {
    await vault.stop();
  }
  return rows;
}
