// Benchmark: setup overhead of a CI step — `ksm-step run -- true` vs `true` alone and vs `ksm exec -- true`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startTestVault } from '@ksmkit/test-support';
import { type BenchRow, timePair } from './harness.js';

const require = createRequire(import.meta.url);
const binary = (pkg: string, path: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), path);

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, cwd }, (error) => (error === null ? resolve() : reject(error)));
  });
}

/**
 * Times, against a real vault process, one `withKsm` block with one env secret around `true`, the bare `true`,
 * and `ksm exec` resolving the same secret around `true` (each a fresh process, as a CI step runs it).
 *
 * @example
 * printTable('ksm-step', await run());
 */
export async function runKsmStep(): Promise<BenchRow[]> {
  const vault = await startTestVault({
    seed: {
      folders: [
        {
          name: 'CI',
          records: [{ type: 'login', title: 'Login', fields: { login: 'bench-user', password: 'bench-pass' } }],
        },
      ],
      apps: [{ name: 'ci', shares: [{ folder: 'CI' }] }],
    },
    throttle: { requests: 1_000_000_000, windowSeconds: 1 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-ksm-step-'));
  try {
    const { config } = (await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'b64'])) as {
      config: string;
    };
    const uid = vault.seeded.records.Login as string;
    writeFileSync(
      join(dir, 'spec.json'),
      JSON.stringify({
        application: [
          { credentialsId: 'ci', secrets: [{ destination: 'env', envVar: 'LOGIN', notation: `${uid}/field/login` }] },
        ],
      }),
    );
    const base = { PATH: process.env.PATH ?? '', HOME: dir, NODE_EXTRA_CA_CERTS: vault.caCertPath ?? '' };
    const step = () =>
      run(
        process.execPath,
        [binary('@ksmkit/jenkins', 'dist/cli/main.js'), 'run', '--spec', 'spec.json', '--', 'true'],
        { ...base, KSM_CONFIG_CI: config },
        dir,
      );
    const exec = () =>
      run(
        process.execPath,
        [binary('@ksmkit/cli', 'dist/ksm/main.js'), 'exec', '--', 'true'],
        { ...base, KSM_CONFIG: config, LOGIN: `keeper://${uid}/field/login` },
        dir,
      );
    const bare = () => run('true', [], base, dir);
    const [stepVsBare, bareTiming] = await timePair(step, bare, { budgetMs: 6_000 });
    const [stepVsExec, execTiming] = await timePair(step, exec, { budgetMs: 6_000 });
    const load = `load ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
    return [
      {
        benchmark: 'ksm-step run -- true vs true alone',
        unit: 'ms (median)',
        ours: stepVsBare.median,
        official: bareTiming.median,
        better: 'lower',
        note: `1 env secret, 1 get_secret; p95 ${stepVsBare.p95.toFixed(0)} vs ${bareTiming.p95.toFixed(1)} ms; ${stepVsBare.runs} runs; ${load}`,
      },
      {
        benchmark: 'ksm-step run -- true vs ksm exec -- true',
        unit: 'ms (median)',
        ours: stepVsExec.median,
        official: execTiming.median,
        better: 'lower',
        note: `same secret; p95 ${stepVsExec.p95.toFixed(0)} vs ${execTiming.p95.toFixed(0)} ms; ${stepVsExec.runs} runs; ${load}`,
      },
    ];
  } finally {
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
