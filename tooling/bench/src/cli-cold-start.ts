// Benchmark: one-shot `ksm secret notation` (built CLI, keeper.ini profile) vs a one-shot official-SDK script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import type { BenchRow } from './harness.js';
import { median, timeProcess } from './process-timing.js';

const RUNS = Number(process.env.KSMKIT_BENCH_COLD_RUNS ?? 10);
const SEED = {
  folders: [
    { name: 'Ops', records: [{ type: 'login', title: 'DB', fields: { login: 'app', password: 'Xq9!vR2#mZ7' } }] },
  ],
  apps: [{ name: 'cli', shares: [{ folder: 'Ops' }] }],
};

/** Path of the built `ksm` binary (packages/cli/dist). */
function ksmBinary(): string {
  const pkg = createRequire(import.meta.url).resolve('@ksmkit/cli/package.json');
  return join(dirname(pkg), 'dist', 'ksm', 'main.js');
}

/** Binds a ksmkit device as profile `_default` of `<dir>/keeper.ini` with the built CLI (init, then one read). */
function initKsmProfile(vault: TestVault, dir: string, token: string, env: NodeJS.ProcessEnv): string {
  const ini = join(dir, 'keeper.ini');
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    execFileSync(process.execPath, [ksmBinary(), ...args, '--ini-file', ini], { env: { ...env, ...extra } });
  run(
    [
      'profile',
      'init',
      '--server-public-key',
      vault.serverPublicKey,
      '--server-public-key-id',
      String(vault.serverPublicKeyId),
      '--ca-cert',
      vault.caCertPath as string,
      '-h',
      vault.hostname,
    ],
    { KSM_CLI_TOKEN: token },
  );
  run(['secret', 'list', '--json']);
  return ini;
}

/** Binds an official-SDK device and saves its config as JSON in `<dir>/official.json`. */
async function initOfficialConfig(vault: TestVault, dir: string, token: string): Promise<string> {
  ksm.setCustomProxyAgent(new Agent({ ca: readFileSync(vault.caCertPath as string, 'utf8') }));
  const storage = ksm.inMemoryStorage({});
  await ksm.initializeStorage(storage, token, vault.hostname);
  const options = {
    storage,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: String(vault.serverPublicKeyId),
  };
  await ksm.getSecrets(options);
  const record: Record<string, string> = { serverPublicKey: vault.serverPublicKey };
  for (const key of ['hostname', 'clientId', 'privateKey', 'appKey', 'appOwnerPublicKey', 'serverPublicKeyId']) {
    const value = await storage.getString(key);
    if (value !== undefined) record[key] = value;
  }
  const file = join(dir, 'official.json');
  writeFileSync(file, JSON.stringify(record, null, 2), { mode: 0o600 });
  return file;
}

/**
 * Cold start of one notation read as a user runs it: `ksm secret notation keeper://UID/field/password` (the built
 * CLI reading a keeper.ini profile) against a one-shot Node script with the official SDK and a JSON config file.
 *
 * @example
 * printTable('CLI cold start', await run());
 */
export async function run(): Promise<BenchRow[]> {
  const vault = await startTestVault({ seed: SEED, throttle: { requests: 1_000_000_000, windowSeconds: 1 } });
  const dir = mkdtempSync(join(tmpdir(), 'ksmkit-bench-cli-'));
  try {
    const [mine, theirs] = (await vault.admin(['client', 'add', '--app', 'cli', '--count', '2'])).clients as {
      token: string;
    }[];
    if (mine === undefined || theirs === undefined) throw new Error('bench: the vault minted no tokens');
    const { NODE_OPTIONS: _loader, ...base } = process.env;
    const env = { ...base, HOME: dir, KSM_INI_DIR: dir, NODE_EXTRA_CA_CERTS: vault.caCertPath as string };
    const ini = initKsmProfile(vault, dir, mine.token, env);
    const officialConfig = await initOfficialConfig(vault, dir, theirs.token);
    const notation = `keeper://${Object.values(vault.seeded.records)[0]}/field/password`;
    const ours = [ksmBinary(), 'secret', 'notation', notation, '--ini-file', ini];
    const official = [join(import.meta.dirname, 'cold-start', 'official-notation.mjs')];
    const officialEnv = { ...env, KSMKIT_BENCH_CONFIG: officialConfig, KSMKIT_BENCH_NOTATION: notation };
    // One untimed run each (disk cache), then alternate so drift hits both sides alike.
    await timeProcess(ours, env);
    await timeProcess(official, officialEnv);
    // KSMKIT_BENCH_KSM_BASELINE: another build of ksm (e.g. main's) timed in the same loop, for before/after.
    const baselineBin = process.env.KSMKIT_BENCH_KSM_BASELINE;
    const baseline = baselineBin === undefined ? undefined : [baselineBin, ...ours.slice(1)];
    if (baseline !== undefined) await timeProcess(baseline, env);
    const oursMs: number[] = [];
    const officialMs: number[] = [];
    const bareMs: number[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      oursMs.push(await timeProcess(ours, env));
      officialMs.push(await timeProcess(official, officialEnv));
      if (baseline !== undefined) baselineMs.push(await timeProcess(baseline, env));
      bareMs.push(await timeProcess(['-e', ''], base));
    }
    const baselineRow: BenchRow[] =
      baseline === undefined
        ? []
        : [
            {
              benchmark: '  the same with the baseline ksm (KSMKIT_BENCH_KSM_BASELINE)',
              unit: 'ms (median)',
              ours: median(baselineMs),
              official: median(officialMs),
              better: 'lower',
              note: `${RUNS} runs each, same loop`,
            },
          ];
    return [
      ...baselineRow,
      {
        benchmark: '`ksm secret notation` (keeper.ini profile) vs official one-shot script',
        unit: 'ms (median)',
        ours: median(oursMs),
        official: median(officialMs),
        better: 'lower',
        note: `${RUNS} runs each; bare \`node -e ''\` ${median(bareMs).toFixed(0)} ms`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await vault.stop();
  }
}
