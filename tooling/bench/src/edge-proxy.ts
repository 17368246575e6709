// Edge proxy benchmark: cached POST /v1/resolve on the ksmkit edge proxy vs a naive Worker that calls KSM with the
// official SDK on every request, both under `wrangler dev` (local, loopback) and loaded by wrk; plus bundle sizes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  createClient,
  createMemoryStorage,
  initializeConfig,
  readDeviceConfig,
  serializeDeviceConfig,
} from '@ksmkit/core';
import { startWranglerDev, wranglerBin } from '@ksmkit/edge-proxy/test-support';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import type { BenchRow } from './harness.js';
import { kb, officialEsBuildPath } from './worker-bundle.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const proxyDir = dirname(require.resolve('@ksmkit/edge-proxy/package.json'));
const naiveWorker = join(import.meta.dirname, 'edge-naive/worker.js');
const emptyWorker = join(import.meta.dirname, 'edge-naive/empty-worker.js');
/** Each wrk run: 5 s, 2 threads, 16 connections (bounded, loopback). */
const WRK = ['-t2', '-c16', '-d5s', '--latency'];

const SEED = {
  folders: [{ name: 'Ops', records: [{ type: 'login', title: 'Bench', fields: { password: 'bench-edge-value' } }] }],
  apps: [{ name: 'edge', shares: [{ folder: 'Ops' }] }],
};

async function boundConfig(vault: TestVault): Promise<string> {
  const { token } = (await vault.admin(['client', 'add', '--app', 'edge'])) as { token: string };
  const storage = createMemoryStorage();
  await initializeConfig(storage, token, {
    hostname: vault.url,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: vault.serverPublicKeyId,
  });
  await createClient({ storage }).getSecrets();
  return serializeDeviceConfig(await readDeviceConfig(storage), { format: 'json' });
}

interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** Runs wrk with a POST body and parses req/s and the 50 % / 99 % latencies (ms). */
async function wrk(url: string, body: string, headers: Record<string, string>, dir: string): Promise<Load> {
  const script = join(dir, `post-${randomBytes(4).toString('hex')}.lua`);
  const lines = [`wrk.method = "POST"`, `wrk.body = ${JSON.stringify(body)}`];
  for (const [name, value] of Object.entries(headers))
    lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  writeFileSync(script, `${lines.join('\n')}\n`, { mode: 0o600 });
  const { stdout } = await run('wrk', [...WRK, '-s', script, url], { maxBuffer: 1 << 20 });
  const latency = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(stdout);
    return match === null ? Number.NaN : ms(match[1] as string, match[2] as string);
  };
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (non2xx !== null) throw new Error(`wrk saw ${non2xx[1]} error responses from ${url}`);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN),
    p50: latency('50'),
    p99: latency('99'),
  };
}

async function dryRunGzip(args: string[], cwd: string, dir: string): Promise<{ min: number; gzip: number }> {
  const outdir = join(dir, `dry-${randomBytes(4).toString('hex')}`);
  await run(process.execPath, [wranglerBin, 'deploy', '--dry-run', '--minify', '--outdir', outdir, ...args], {
    cwd,
    maxBuffer: 1 << 24,
  });
  const file = readdirSync(outdir).find((name) => name.endsWith('.js'));
  if (file === undefined) throw new Error(`wrangler --dry-run wrote no bundle to ${outdir}`);
  const bytes = readFileSync(join(outdir, file));
  return { min: kb(bytes), gzip: kb(gzipSync(bytes)) };
}

/**
 * Runs the edge proxy suite (needs `wrk` on PATH and the built vault).
 *
 * @example
 * printTable('Edge proxy', await run());
 */
export async function runEdge(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ksmkit-bench-edge-'));
  // Unthrottled: the naive Worker calls KSM on every request, and the point here is its cost, not KSM's limit.
  const vault = await startTestVault({
    seed: SEED,
    args: ['--http'],
    throttle: { requests: 10_000_000, windowSeconds: 1 },
  });
  try {
    const uid = vault.seeded.records.Bench as string;
    const notation = `keeper://${uid}/field/password`;
    const body = JSON.stringify({ notations: [notation] });

    // ksmkit edge proxy, secrets in an env file as `ksmkit-edge setup` writes them.
    const tokenSecret = randomBytes(32).toString('hex');
    const envFile = join(dir, '.dev.vars');
    const ourConfig = Buffer.from(await boundConfig(vault)).toString('base64');
    writeFileSync(
      envFile,
      `KSM_CONFIG=${ourConfig}\nTOKEN_SECRET=${tokenSecret}\nCACHE_KEY=${randomBytes(32).toString('base64')}\n`,
      { mode: 0o600 },
    );
    const minted = await run(
      process.execPath,
      [
        join(proxyDir, 'dist/main.js'),
        'token',
        'create',
        '--sub',
        'bench',
        '--scope',
        `keeper://${uid}/*`,
        '--ttl',
        '1h',
      ],
      { env: { ...process.env, KSMKIT_EDGE_TOKEN_SECRET: tokenSecret } },
    );
    const token = minted.stdout.trim();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ours = await startWranglerDev(
      ['--env-file', envFile, '--persist-to', join(dir, 'state'), '--var', 'RATE_LIMIT_PER_MINUTE:100000000'],
      proxyDir,
      async (base) => (await fetch(`${base}/v1/resolve`, { method: 'POST', headers, body })).status === 200,
    );
    let oursLoad: Load;
    let misses: number;
    try {
      const before = ours.logs().length;
      oursLoad = await wrk(`${ours.base}/v1/resolve`, body, headers, dir);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // let the last audit lines arrive
      const during = ours.logs().slice(before);
      if (!during.includes('ksmkit-edge.audit')) throw new Error('no audit lines captured during the run');
      misses = (during.match(/"cache":"miss"/g) ?? []).length;
    } finally {
      await ours.stop();
    }

    // The naive Worker: official SDK, get_secret on every request.
    const officialConfig = JSON.parse(await boundConfig(vault)) as Record<string, string>;
    officialConfig.hostname = `127.0.0.1:${vault.port}`;
    const naiveConfig = join(dir, 'wrangler.jsonc');
    writeFileSync(
      naiveConfig,
      JSON.stringify({
        name: 'naive-official-sdk',
        main: naiveWorker,
        compatibility_date: '2026-04-20',
        alias: { '@keeper-security/secrets-manager-core': officialEsBuildPath() },
      }),
    );
    writeFileSync(
      join(dir, 'naive.vars'),
      `KSM_CONFIG_B64=${Buffer.from(JSON.stringify(officialConfig)).toString('base64')}\n`,
      { mode: 0o600 },
    );
    const naive = await startWranglerDev(
      [
        '--config',
        naiveConfig,
        '--env-file',
        join(dir, 'naive.vars'),
        '--persist-to',
        join(dir, 'naive-state'),
        '--log-level',
        'error',
      ],
      dir,
      async (base) => (await fetch(base, { method: 'POST', body })).status === 200,
    );
    let naiveLoad: Load;
    try {
      naiveLoad = await wrk(naive.base, body, { 'content-type': 'application/json' }, dir);
    } finally {
      await naive.stop();
    }

    const emptyConfig = join(dir, 'empty.jsonc');
    writeFileSync(emptyConfig, JSON.stringify({ name: 'empty', main: emptyWorker, compatibility_date: '2026-04-20' }));
    const empty = await startWranglerDev(
      ['--config', emptyConfig, '--persist-to', join(dir, 'empty-state'), '--log-level', 'error'],
      dir,
      async (base) => (await fetch(base, { method: 'POST', body })).status === 200,
    );
    let floor: Load;
    try {
      floor = await wrk(empty.base, body, { 'content-type': 'application/json' }, dir);
    } finally {
      await empty.stop();
    }

    const oursSize = await dryRunGzip([], proxyDir, dir);
    const naiveSize = await dryRunGzip(['--config', naiveConfig], dir, dir);
    const note = 'wrangler dev (local), wrk -t2 -c16 -d5s, loopback';
    return [
      {
        benchmark: 'POST /v1/resolve (cached) vs naive official-SDK Worker',
        unit: 'req/s',
        ours: oursLoad.rps,
        official: naiveLoad.rps,
        better: 'higher',
        note: `${note}; target ≥ 20x`,
      },
      {
        benchmark: 'POST /v1/resolve latency p50',
        unit: 'ms',
        ours: oursLoad.p50,
        official: naiveLoad.p50,
        better: 'lower',
        note,
      },
      {
        benchmark: 'POST /v1/resolve latency p99',
        unit: 'ms',
        ours: oursLoad.p99,
        official: naiveLoad.p99,
        better: 'lower',
        note: `${note}; target < 10 ms`,
      },
      {
        benchmark: 'Floor: an empty Worker under the same wrangler dev',
        unit: 'req/s',
        ours: floor.rps,
        official: null,
        better: 'higher',
        note: `p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms: the ceiling on this machine`,
      },
      {
        benchmark: 'Cache misses during the run (each ≤ 1 upstream call)',
        unit: 'count',
        ours: misses,
        official: null,
        better: 'lower',
        note: 'from the audit lines; the naive Worker calls KSM per request',
      },
      {
        benchmark: 'Worker bundle, wrangler --dry-run --minify',
        unit: 'KB',
        ours: oursSize.min,
        official: naiveSize.min,
        better: 'lower',
        note: 'the proxy does far more: tokens, cache, DOs, inject, redact',
      },
      {
        benchmark: 'Worker bundle, min + gzip',
        unit: 'KB',
        ours: oursSize.gzip,
        official: naiveSize.gzip,
        better: 'lower',
        note: 'official: its ES build in the naive Worker',
      },
    ];
  } finally {
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
