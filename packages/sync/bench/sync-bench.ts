// Benchmark: N Keeper records to AWS (moto_server) with ksm-sync, and the same maps driven the way `ksm sync` does it.
// Run: pnpm --filter @ksmkit/sync bench   (SYNC_BENCH_RECORDS=10000, SYNC_BENCH_KSM_SAMPLE=300 by default)
import { readFileSync } from 'node:fs';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { createNodeFetch, nodeCipher } from '@ksmkit/config';
import { createClient, createMemoryStorage, type KsmClient, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { startTestVault } from '@ksmkit/test-support';
import { parseMap } from '../src/map-file.js';
import { openProviders } from '../src/open-providers.js';
import { runSync } from '../src/sync-run.js';
import { startFaultProxy } from '../test-support/fault-proxy.js';
import { startMotoServer } from '../test-support/moto.js';

const N = Number(process.env.SYNC_BENCH_RECORDS ?? 10_000);
const SAMPLE = Math.min(N, Number(process.env.SYNC_BENCH_KSM_SAMPLE ?? 300));
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';

const seed = {
  folders: [
    {
      name: 'Bench',
      records: Array.from({ length: N }, (_, i) => ({
        type: 'login',
        title: `svc-${i}`,
        fields: { login: `u${i}`, password: `bench-pw-${i}` },
      })),
    },
  ],
  apps: [{ name: 'sync', shares: [{ folder: 'Bench', editable: true }] }],
};

const t0 = performance.now();
const [vault, moto] = await Promise.all([startTestVault({ seed }), startMotoServer()]);
const proxy = await startFaultProxy(moto.endpoint);
process.stderr.write(`seeded ${N} records and started moto in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
let getSecretCalls = 0;
async function newClient(): Promise<KsmClient> {
  const minted = await vault.admin(['client', 'add', '--app', 'sync', '--config-init', 'json']);
  const storage = createMemoryStorage();
  await writeDeviceConfig(storage, await parseDeviceConfig(JSON.stringify(minted.config)));
  const base = createNodeFetch({ ca: readFileSync(vault.caCertPath as string, 'utf8') });
  const counting = ((input: Parameters<typeof base>[0], init?: Parameters<typeof base>[1]) => {
    if (String(input).endsWith('/get_secret')) getSecretCalls++;
    return base(input, init);
  }) as typeof base;
  return createClient({ storage, fetch: counting, cipher: nodeCipher, timeoutMs: 120_000 });
}

try {
  const client = await newClient();
  const { records } = await client.getSecrets();
  const uids = records.map((r) => r.recordUid);
  const entries = records.map((r) => ({
    target: 'aws',
    name: `ours/${r.data.title}`,
    notation: `keeper://${r.recordUid}/field/password`,
  }));
  const map = parseMap(
    JSON.stringify({
      version: 1,
      job: 'bench',
      targets: {
        aws: {
          type: 'aws',
          region: 'us-east-1',
          endpoint: proxy.url,
          concurrency: 16,
          rate: { perSecond: 10_000, burst: 10_000 },
        },
      },
      entries,
    }),
  );

  const rows: string[][] = [];
  const run = async (label: string) => {
    const [calls0, gets0, start] = [proxy.log.length, getSecretCalls, performance.now()];
    const providers = await openProviders(map, [], { baseDir: '.' });
    const { report } = await runSync({ map, client, mode: 'apply', baseDir: '.', providers });
    const seconds = (performance.now() - start) / 1000;
    const calls = providers.get('aws')?.calls ?? { reads: 0, writes: 0, retries: 0 };
    const written = report.items.filter((i) => i.action === 'create' || i.action === 'update').length;
    rows.push([
      label,
      seconds.toFixed(1),
      String(proxy.log.length - calls0),
      String(calls.reads),
      String(calls.writes),
      String(written),
      String(getSecretCalls - gets0),
      report.ok ? 'ok' : 'FAILED',
    ]);
    return { seconds, calls: proxy.log.length - calls0 };
  };

  const first = await run(`ksm-sync first sync (${N})`);
  const noop = await run(`ksm-sync no-op re-sync (${N})`);
  const changed = uids.slice(0, Math.max(1, Math.round(N / 100)));
  for (const uid of changed) {
    const [record] = (await client.getSecrets({ uids: [uid] })).records;
    if (record === undefined) continue;
    const fields = record.data.fields.map((f) => (f.type === 'password' ? { ...f, value: [`rotated-${uid}`] } : f));
    await client.updateSecret({ ...record, data: { ...record.data, fields } });
  }
  await run(`ksm-sync after ${changed.length} changed (1 %)`);

  // `ksm sync` style: per map, resolve the notation (one get_secret), read the destination, write it (always).
  const aws = new SecretsManagerClient({ region: 'us-east-1', endpoint: proxy.url, maxAttempts: 1 });
  const ksmStyle = async (label: string) => {
    const [calls0, gets0, start] = [proxy.log.length, getSecretCalls, performance.now()];
    for (const entry of entries.slice(0, SAMPLE)) {
      const [value] = await client.getNotationResults(entry.notation);
      const name = entry.name.replace(/^ours\//, 'ksm/');
      const current = await aws.send(new GetSecretValueCommand({ SecretId: name })).catch(() => undefined);
      if (current === undefined) await aws.send(new CreateSecretCommand({ Name: name, SecretString: value }));
      else await aws.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
    }
    const seconds = (performance.now() - start) / 1000;
    const calls = proxy.log.length - calls0;
    rows.push([
      `${label} (${SAMPLE} maps)`,
      seconds.toFixed(1),
      String(calls),
      String(SAMPLE),
      String(SAMPLE),
      String(SAMPLE),
      String(getSecretCalls - gets0),
      'ok',
    ]);
    return { seconds: (seconds * N) / SAMPLE, calls: (calls * N) / SAMPLE };
  };
  const ksmFirst = await ksmStyle('ksm sync style, first');
  const ksmNoop = await ksmStyle('ksm sync style, no change');

  const header = ['run', 'wall s', 'AWS calls', 'reads', 'writes', 'secrets written', 'Keeper get_secret', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  process.stdout.write(
    `\nksm-sync vs ksm sync style: ${N} Keeper records to AWS Secrets Manager (moto_server on loopback)\n\n${line(header)}\n${rows.map(line).join('\n')}\n`,
  );
  const ratio = (a: { seconds: number; calls: number }, b: { seconds: number; calls: number }) =>
    `${(a.seconds / b.seconds).toFixed(1)}x time, ${(a.calls / b.calls).toFixed(1)}x calls`;
  process.stdout.write(
    `\nksm sync style extrapolated to ${N} maps (sample × ${N}/${SAMPLE}): first ${ksmFirst.seconds.toFixed(0)} s / ${ksmFirst.calls.toFixed(0)} AWS calls, ` +
      `re-sync ${ksmNoop.seconds.toFixed(0)} s / ${ksmNoop.calls.toFixed(0)} AWS calls and ${N} get_secret\n` +
      `ksm sync style ÷ ksm-sync: first sync ${ratio(ksmFirst, first)}; re-sync ${ratio(ksmNoop, noop)}\n`,
  );
} finally {
  await proxy.stop();
  await Promise.all([vault.stop(), moto.stop()]);
}
