// Benchmark row: the time each SDK spends outside its transport on one get_secret (request building, decryption,
// parsing), so the shared server and network time does not hide the clients' own difference.
import * as ksm from '@keeper-security/secrets-manager-core';
import { createNodeFetch, nodeCipher } from '@ksmkit/config';
import { createClient } from '@ksmkit/core';
import type { DevicePair } from './client.js';
import type { BenchRow } from './harness.js';

const RUNS = Number(process.env.KSMKIT_BENCH_CLIENT_WORK_RUNS ?? 40);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Alternates getSecrets of both SDKs on the same app, timing each call and the part of it spent in the transport
 * (ours: the fetch, which resolves once the whole body arrived; official: its `postFunction`, likewise), and
 * reports the medians of the difference.
 *
 * @example
 * rows.push(await clientWorkRow(largestPair, ca));
 */
export async function clientWorkRow(pair: DevicePair, ca: string): Promise<BenchRow> {
  const fetch = createNodeFetch({ ca });
  let inTransport = 0;
  const ours = createClient({
    storage: pair.ourStorage,
    cipher: nodeCipher,
    fetch: async (url, init) => {
      const t0 = performance.now();
      try {
        return await fetch(url, init);
      } finally {
        inTransport += performance.now() - t0;
      }
    },
  });
  const official: ksm.SecretManagerOptions = {
    ...pair.official,
    queryFunction: async (...args) => {
      const t0 = performance.now();
      try {
        return await ksm.postFunction(...args);
      } finally {
        inTransport += performance.now() - t0;
      }
    },
  };
  const work = async (call: () => Promise<unknown>) => {
    inTransport = 0;
    const t0 = performance.now();
    await call();
    return performance.now() - t0 - inTransport;
  };
  const oursMs: number[] = [];
  const officialMs: number[] = [];
  for (let i = -3; i < RUNS; i++) {
    // the first three rounds warm up and are not kept
    const [a, b] = [await work(() => ours.getSecrets()), await work(() => ksm.getSecrets(official))];
    if (i < 0) continue;
    oursMs.push(a);
    officialMs.push(b);
  }
  return {
    benchmark: `getSecrets(), ${pair.records.toLocaleString('en-US')} records: client work (wall − transport)`,
    unit: 'ms (median)',
    ours: median(oursMs),
    official: median(officialMs),
    better: 'lower',
    note: `${RUNS} alternating runs each; excludes the shared server and network time`,
  };
}
