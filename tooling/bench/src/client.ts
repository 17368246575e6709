// Benchmark: the ksmkit client vs the official SDK on one real vault — get secrets, notation, cold start, Worker size.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as ksm from '@keeper-security/secrets-manager-core';
import { createNodeFetch, nodeCipher } from '@ksmkit/config';
import {
  createClient,
  createMemoryStorage,
  initializeConfig,
  type KsmClient,
  type MemoryStorage,
  readDeviceConfig,
  serializeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { clientWorkRow } from './client-work.js';
import { type BenchRow, type Timing, timePair } from './harness.js';
import { median, timeProcess } from './process-timing.js';
import { bundleForWorker, kb } from './worker-bundle.js';

/** Record counts of the three apps; each app's folders hold exactly that many records. */
const SIZES = [10, 100, 1_000] as const;
/** Folder sizes: app N shares the first folders adding up to N (10, 10 + 90, 10 + 90 + 900). */
const FOLDER_SIZES = [10, 90, 900] as const;
const NOTATIONS = 100;
const COLD_RUNS = Number(process.env.KSMKIT_BENCH_COLD_RUNS ?? 10);
const BUDGET_MS = Number(process.env.KSMKIT_BENCH_CLIENT_BUDGET_MS ?? 3_000);

/** One device of each SDK, bound to the same app. */
export interface DevicePair {
  readonly records: number;
  readonly ours: KsmClient;
  readonly ourStorage: MemoryStorage;
  readonly official: ksm.SecretManagerOptions;
}

function seedRecord(i: number) {
  return {
    type: 'login',
    title: `Record ${String(i).padStart(4, '0')}`,
    fields: { login: `svc-${i}@example.com`, password: `p4ss-${i}-Xq9!vR2#mZ7`, url: `https://app-${i}.example.com` },
    custom: [{ type: 'text', label: 'Environment', value: i % 2 === 0 ? 'production' : 'staging' }],
    notes: `Rotated quarterly. Owner: team ${i % 7}. Ticket OPS-${1000 + i}.`,
  };
}

function seed() {
  let next = 0;
  const folders = FOLDER_SIZES.map((size, f) => ({
    name: `Bench ${f}`,
    records: Array.from({ length: size }, () => seedRecord(next++)),
  }));
  const apps = SIZES.map((size, a) => ({
    name: `bench-${size}`,
    shares: folders.slice(0, a + 1).map((folder) => ({ folder: folder.name })),
  }));
  return { folders, apps };
}

/** A ksmkit device and an official-SDK device of app `bench-<records>`, both bound and checked. */
async function devicePair(vault: TestVault, records: number, ca: string): Promise<DevicePair> {
  const [mine, theirs] = (await vault.admin(['client', 'add', '--app', `bench-${records}`, '--count', '2']))
    .clients as { token: string }[];
  if (mine === undefined || theirs === undefined) throw new Error('bench: the vault minted no tokens');
  const ourStorage = createMemoryStorage();
  await initializeConfig(ourStorage, mine.token, {
    hostname: vault.hostname,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: vault.serverPublicKeyId,
    caCertificate: ca,
  });
  // No `cache` and no `offlineCache`: every call goes to the server, as the official SDK's do. The Node setup a
  // ksmkit tool uses: node:https with keep-alive and the node:crypto cipher backend.
  const ours = createClient({ storage: ourStorage, fetch: createNodeFetch({ ca }), cipher: nodeCipher });
  const storage = ksm.inMemoryStorage({});
  await ksm.initializeStorage(storage, theirs.token, vault.hostname);
  const official = {
    storage,
    serverPublicKey: vault.serverPublicKey,
    serverPublicKeyId: String(vault.serverPublicKeyId),
  };
  const [a, b] = [(await ours.getSecrets()).records.length, (await ksm.getSecrets(official)).records.length];
  if (a !== records || b !== records) throw new Error(`bench: expected ${records} records, got ${a} and ${b}`);
  return { records, ours, ourStorage, official };
}

/** 100 UID-form notations over the app's records (fields, custom fields, type, title, notes). */
function makeNotations(uids: readonly string[]): string[] {
  const shapes = [
    (uid: string) => `keeper://${uid}/field/password`,
    (uid: string) => `keeper://${uid}/field/login`,
    (uid: string) => `keeper://${uid}/field/url[0]`,
    (uid: string) => `keeper://${uid}/custom_field/Environment`,
    (uid: string) => `keeper://${uid}/type`,
    (uid: string) => `keeper://${uid}/title`,
    (uid: string) => `keeper://${uid}/notes`,
    (uid: string) => `${uid}/field/password[0]`,
  ];
  return Array.from({ length: NOTATIONS }, (_, i) => {
    const shape = shapes[i % shapes.length] as (uid: string) => string;
    return shape(uids[(i * 97) % uids.length] as string);
  });
}

const runs = (ours: Timing) => `${ours.runs} alternating runs each`;

async function getSecretsRows(pairs: readonly DevicePair[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { records, ours, official } of pairs) {
    const [timeOurs, timeOfficial] = await timePair(
      () => ours.getSecrets(),
      () => ksm.getSecrets(official),
      { budgetMs: 2 * BUDGET_MS, minRuns: 10 },
    );
    rows.push({
      benchmark: `getSecrets(), ${records.toLocaleString('en-US')} records`,
      unit: 'ms (median)',
      ours: timeOurs.median,
      official: timeOfficial.median,
      better: 'lower',
      note: `${runs(timeOurs)}${records === 1_000 ? '; target ≤ 0.50x' : ''}`,
    });
  }
  return rows;
}

async function notationRow(pair: DevicePair, uids: readonly string[]): Promise<BenchRow> {
  const notations = makeNotations(uids);
  for (const notation of notations) {
    const [a, b] = [
      await pair.ours.getNotationResults(notation),
      await ksm.getNotationResults(pair.official, notation),
    ];
    if (JSON.stringify(a) !== JSON.stringify(b) || a.length === 0) {
      throw new Error(`bench: ksmkit and the official SDK disagree on ${notation}`);
    }
  }
  const all = (resolve: (notation: string) => Promise<unknown>) => async () => {
    for (const notation of notations) await resolve(notation);
  };
  const [timeOurs, timeOfficial] = await timePair(
    all((n) => pair.ours.getNotationResults(n)),
    all((n) => ksm.getNotationResults(pair.official, n)),
    { budgetMs: 2 * BUDGET_MS, minRuns: 10, warmup: 1 },
  );
  return {
    benchmark: `getNotationResults ×${NOTATIONS} (UID form), ${pair.records.toLocaleString('en-US')} records`,
    unit: 'ms (median total)',
    ours: timeOurs.median,
    official: timeOfficial.median,
    better: 'lower',
    note: `${runs(timeOurs)}; one filtered get_secret per notation`,
  };
}

async function coldStartRow(pair: DevicePair, vault: TestVault, recordUid: string): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'ksmkit-bench-'));
  try {
    const ourConfig = join(dir, 'ksmkit-config.json');
    const officialConfig = join(dir, 'official-config.json');
    writeFileSync(ourConfig, serializeDeviceConfig(await readDeviceConfig(pair.ourStorage)), { mode: 0o600 });
    const record: Record<string, string> = {};
    for (const key of ['hostname', 'clientId', 'privateKey', 'appKey', 'appOwnerPublicKey', 'serverPublicKeyId']) {
      const value = await pair.official.storage.getString(key);
      if (value !== undefined) record[key] = value;
    }
    record.serverPublicKey = vault.serverPublicKey;
    writeFileSync(officialConfig, JSON.stringify(record, null, 2), { mode: 0o600 });

    // Plain `node` (no tsx loader inherited through NODE_OPTIONS); paths and the UID travel in the environment.
    const { NODE_OPTIONS: _loader, ...base } = process.env;
    const env = (config: string) => ({
      ...base,
      NODE_EXTRA_CA_CERTS: vault.caCertPath as string,
      KSMKIT_BENCH_CONFIG: config,
      KSMKIT_BENCH_RECORD: recordUid,
    });
    const script = (name: string) => join(import.meta.dirname, 'cold-start', name);
    const ours = [script('ksmkit.mjs'), env(ourConfig)] as const;
    const official = [script('official.mjs'), env(officialConfig)] as const;
    // One untimed run each (disk cache), then alternate so drift hits both sides alike.
    await timeProcess([ours[0]], ours[1]);
    await timeProcess([official[0]], official[1]);
    const oursMs: number[] = [];
    const officialMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      oursMs.push(await timeProcess([ours[0]], ours[1]));
      officialMs.push(await timeProcess([official[0]], official[1]));
      bareMs.push(await timeProcess(['-e', ''], base));
    }
    return {
      benchmark: 'cold start: node, import + load config file + get_secret of 1 record',
      unit: 'ms (median)',
      ours: median(oursMs),
      official: median(officialMs),
      better: 'lower',
      note: `${COLD_RUNS} runs each; bare \`node -e ''\` ${median(bareMs).toFixed(0)} ms`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal Worker that resolves one notation with ksmkit (config JSON or base64 in `env.KSM_CONFIG`). */
const OUR_WORKER = `import { createMemoryStorage, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { createSession, resolveNotation } from '@ksmkit/core/session';

export default {
  async fetch(req, env) {
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, await parseDeviceConfig(env.KSM_CONFIG));
    const [value] = await resolveNotation(createSession({ storage }), env.NOTATION);
    return new Response(value === undefined ? 'missing' : 'found', { status: value === undefined ? 404 : 200 });
  },
};
`;

/** The same Worker with the official SDK (its ES build, what a Worker bundler picks). */
const OFFICIAL_WORKER = `import { getNotationResults, loadJsonConfig } from '@keeper-security/secrets-manager-core';

export default {
  async fetch(req, env) {
    const storage = loadJsonConfig(env.KSM_CONFIG);
    const [value] = await getNotationResults({ storage }, env.NOTATION);
    return new Response(value === undefined ? 'missing' : 'found', { status: value === undefined ? 404 : 200 });
  },
};
`;

async function workerRows(): Promise<BenchRow[]> {
  const ours = await bundleForWorker(OUR_WORKER);
  const official = await bundleForWorker(OFFICIAL_WORKER);
  const note = 'esbuild: ESM, browser conditions; official: its ES build';
  return [
    {
      benchmark: 'Worker resolving one notation, minified',
      unit: 'KB',
      ours: kb(ours),
      official: kb(official),
      better: 'lower',
      note,
    },
    {
      benchmark: 'Worker resolving one notation, min + gzip',
      unit: 'KB',
      ours: kb(gzipSync(ours)),
      official: kb(gzipSync(official)),
      better: 'lower',
      note: `${note}; target ≤ 0.50x`,
    },
  ];
}

/**
 * Runs the client suite against one real vault process (tooling/test-support; 1,000 records in three apps of 10, 100
 * and 1,000): getSecrets wall time, 100 UID-form notations, cold start of a one-shot Node script, and the bundle
 * size of a minimal Worker — ksmkit's client vs the official SDK, each with its own bound device.
 *
 * @example
 * printTable('Client vs official SDK against the local vault', await run());
 */
export async function run(): Promise<BenchRow[]> {
  const vault = await startTestVault({ seed: seed(), throttle: { requests: 1_000_000_000, windowSeconds: 1 } });
  try {
    const ca = readFileSync(vault.caCertPath as string, 'utf8');
    // The official SDK's transport is process-wide: point it at the vault CA with keep-alive, as vault.ts does.
    ksm.setCustomProxyAgent(new Agent({ ca, keepAlive: true }));
    const pairs: DevicePair[] = [];
    for (const records of SIZES) pairs.push(await devicePair(vault, records, ca));
    const largest = pairs[pairs.length - 1] as DevicePair;
    const uids = Object.values(vault.seeded.records);
    const rows = await getSecretsRows(pairs);
    for (const pair of [pairs[0] as DevicePair, largest]) rows.push(await clientWorkRow(pair, ca));
    rows.push(await notationRow(largest, uids));
    rows.push(await coldStartRow(largest, vault, uids[0] as string));
    rows.push(...(await workerRows()));
    return rows;
  } finally {
    await vault.stop();
  }
}
