// Load benchmark: 10,000 get_secret at 32 concurrent official-SDK clients against a real vault process (throttle
// off), first with no attachment stored, then with a 100 MiB attachment uploaded: reads must not slow down.
import * as ksm from '@keeper-security/secrets-manager-core';
import { startTestVault } from '@ksmkit/test-support';
import { type BenchRow, percentile } from './harness.js';
import { bindOfficialDevices, closedLoops } from './official-load.js';

const RECORDS = 100;
const CLIENTS = 32;
const REQUESTS = Number(process.env.KSMKIT_BENCH_LOAD_REQUESTS ?? 10_000);
/** Upper bound of one phase; the phase stops early (and says so) past it. */
const PHASE_LIMIT_MS = Number(process.env.KSMKIT_BENCH_LOAD_LIMIT_SECONDS ?? 120) * 1000;
const ATTACHMENT_BYTES = Number(process.env.KSMKIT_BENCH_LOAD_ATTACHMENT_MIB ?? 100) * 1024 * 1024;

interface Phase {
  readonly ok: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly capped: boolean;
}

/** 32 closed loops sharing one budget of REQUESTS calls. */
async function phase(devices: readonly ksm.SecretManagerOptions[]): Promise<Phase> {
  let issued = 0;
  const deadline = performance.now() + PHASE_LIMIT_MS;
  const more = () => {
    if (issued >= REQUESTS || performance.now() >= deadline) return false;
    issued += 1;
    return true;
  };
  const { latencies, errors, seconds } = await closedLoops(devices, more);
  return {
    ok: latencies.length,
    errors,
    seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    capped: issued < REQUESTS,
  };
}

function rows(label: string, result: Phase): BenchRow[] {
  const note = `${result.ok} ok, ${result.errors} errors in ${result.seconds.toFixed(1)}s${result.capped ? ' (stopped at the time limit)' : ''}`;
  return [
    {
      benchmark: `${label}: throughput`,
      unit: 'req/s',
      ours: result.ok / result.seconds,
      official: null,
      better: 'higher',
      note,
    },
    { benchmark: `${label}: p50`, unit: 'ms', ours: result.p50, official: null, better: 'lower' },
    { benchmark: `${label}: p99`, unit: 'ms', ours: result.p99, official: null, better: 'lower' },
  ];
}

/**
 * Runs the load benchmark (tooling/test-support starts `ksmkit-vault serve`; apps/vault is built if stale).
 * Env: KSMKIT_BENCH_LOAD_REQUESTS (10000), KSMKIT_BENCH_LOAD_LIMIT_SECONDS (120 per phase),
 * KSMKIT_BENCH_LOAD_ATTACHMENT_MIB (100).
 *
 * @example
 * printTable('Vault load', await run());
 */
export async function run(): Promise<BenchRow[]> {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    type: 'login',
    title: `Record ${i}`,
    fields: { login: `user${i}`, password: `password-${i}`, url: `https://host${i}.example` },
  }));
  const vault = await startTestVault({
    seed: {
      folders: [{ name: 'Load', records }],
      apps: [{ name: 'load', shares: [{ folder: 'Load', editable: true }] }],
    },
    throttle: { requests: 1_000_000_000, windowSeconds: 1 },
  });
  try {
    const minted = await vault.admin(['client', 'add', '--app', 'load', '--unlock-ip', '--count', String(CLIENTS)]);
    const tokens = (minted.clients as { token: string }[]).map((client) => client.token);
    const devices = await bindOfficialDevices(vault, tokens);
    await phase(devices.slice(0, 8)); // warm-up: JIT and SQLite page cache
    const without = await phase(devices);

    const [first] = devices;
    if (first === undefined) throw new Error('no device');
    const { records: fetched } = await ksm.getSecrets(first);
    const holder = fetched[0];
    if (holder === undefined) throw new Error('no record to attach to');
    const data = new Uint8Array(ATTACHMENT_BYTES);
    for (let offset = 0; offset < data.length; offset += 65_536) data[offset] = offset & 0xff;
    await ksm.uploadFile(first, holder, { name: 'big.bin', title: 'Big', type: 'application/octet-stream', data });
    const check = await ksm.getSecrets(first, [holder.recordUid]);
    if ((check.records[0]?.files ?? []).length !== 1) throw new Error('the attachment is not listed');
    await phase(devices.slice(0, 8));
    const withFile = await phase(devices);

    const mib = Math.round(ATTACHMENT_BYTES / 1024 / 1024);
    const ratio = (withFile.ok / withFile.seconds / (without.ok / without.seconds)) * 100;
    return [
      ...rows(`get_secret x${REQUESTS}, ${CLIENTS} clients, no attachment`, without),
      ...rows(`get_secret x${REQUESTS}, ${CLIENTS} clients, ${mib} MiB attachment`, withFile),
      {
        benchmark: 'throughput with the attachment vs without',
        unit: '%',
        ours: ratio,
        official: null,
        better: 'higher',
        note: `${RECORDS} records; target >= 80 %; clients and server on one host`,
      },
    ];
  } finally {
    await vault.stop();
  }
}
