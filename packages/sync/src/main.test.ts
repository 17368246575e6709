// The built `ksm-sync` binary against a real Keeper vault and local file targets: plan, apply, reports, lock, exit codes.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeeperFixture, startKeeper } from '../test-support/keeper.js';
import { type Moto, startMotoServer } from '../test-support/moto.js';
import { leakedValues, SEED, SEEDED_VALUES } from '../test-support/seed.js';
import type { SyncPlan } from './plan-types.js';
import type { SyncReport } from './report.js';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let keeper: KeeperFixture;
let moto: Moto;
let dir: string;
let env: Record<string, string>;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function ksmSync(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

const mapText = (uid: Record<string, string>, extra = '') => `version: 1
job: local-test
targets:
  env:
    type: dotenv
    path: out/app.env
  json:
    type: json
    path: out/app.json
entries:
  - target: env
    name: DB_PASSWORD
    notation: keeper://${uid.Database}/field/password
  - target: env
    name: QUEUE_PASSWORD
    notation: keeper://${uid.Queue}/field/password
  - target: json
    name: "cache/{{record.title | kebab}}"
    prefix: cache/
    record: ${uid.Cache}
${extra}`;

beforeAll(async () => {
  [keeper, moto] = await Promise.all([startKeeper(SEED), startMotoServer()]);
  dir = await mkdtemp(join(tmpdir(), 'ksm-sync-cli-'));
  const config = Buffer.from(await keeper.deviceConfig()).toString('base64');
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    KSM_CONFIG: config,
    XDG_RUNTIME_DIR: dir,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.endpoint,
  };
  await writeFile(join(dir, 'ksm-sync.yaml'), mapText(keeper.vault.seeded.records));
}, 120_000);
afterAll(async () => {
  await Promise.all([keeper?.stop(), moto?.stop()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('ksm-sync (binary)', () => {
  it('plans as JSON when piped, applies once, then has nothing to do', { timeout: 60_000 }, async () => {
    const plan = await ksmSync(['plan', '--out', 'plan.json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as SyncPlan;
    expect(planned.items.map((i) => `${i.action} ${i.name}`).sort()).toEqual([
      'create DB_PASSWORD',
      'create QUEUE_PASSWORD',
      'create cache/cache',
    ]);
    expect(leakedValues(plan.stdout + (await readFile(join(dir, 'plan.json'), 'utf8')))).toEqual([]);

    const apply = await ksmSync(['apply', '--plan', 'plan.json', '--report', 'report.json', '--junit', 'report.xml']);
    expect(apply.code).toBe(0);
    const envText = await readFile(join(dir, 'out/app.env'), 'utf8');
    expect(envText).toContain(`DB_PASSWORD=${SEEDED_VALUES[0]}`);
    expect((await stat(join(dir, 'out/app.env'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, 'out/app.json'), 'utf8'))['cache/cache']).toContain(SEEDED_VALUES[2]);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as SyncReport;
    expect(report).toMatchObject({ ok: true, mode: 'apply', counts: { create: 3 } });
    const junit = await readFile(join(dir, 'report.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="env" tests="2" failures="0">');
    expect(leakedValues(apply.stdout + JSON.stringify(report) + junit)).toEqual([]);

    // a key someone else added to the file is kept; a re-run rewrites nothing
    await writeFile(join(dir, 'out/app.env'), `${envText}OTHER=kept\n`);
    const before = (await stat(join(dir, 'out/app.env'))).mtimeMs;
    const again = await ksmSync(['apply']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as SyncReport).counts).toMatchObject({ unchanged: 3, create: 0, update: 0 });
    expect((await stat(join(dir, 'out/app.env'))).mtimeMs).toBe(before);
    expect(await readFile(join(dir, 'out/app.env'), 'utf8')).toContain('OTHER=kept');
  });

  it('refuses a stale saved plan with exit 5 and a held lock with exit 4', { timeout: 60_000 }, async () => {
    const plan = await ksmSync(['plan', '--out', 'stale.json']);
    expect(plan.code).toBe(0);
    const envPath = join(dir, 'out/app.env');
    await writeFile(
      envPath,
      (await readFile(envPath, 'utf8')).replace(`DB_PASSWORD=${SEEDED_VALUES[0]}`, 'DB_PASSWORD=edited'),
    );
    const stale = await ksmSync(['apply', '--plan', 'stale.json']);
    expect(stale.code).toBe(5);
    expect(stale.stderr).toMatch(/ERR_PLAN_STALE|changed since the plan/);
    expect(await readFile(envPath, 'utf8')).toContain('DB_PASSWORD=edited');

    // drift under the default policy (fail): reported, not overwritten, exit 3
    const drift = await ksmSync(['apply']);
    expect(drift.code).toBe(3);
    const report = JSON.parse(drift.stdout) as SyncReport;
    expect(report.items.find((i) => i.name === 'DB_PASSWORD')).toMatchObject({ action: 'conflict', drift: true });

    await writeFile(join(dir, 'held.lock'), `${process.pid}\n`);
    const locked = await ksmSync(['apply', '--lock', 'held.lock']);
    expect(locked.code).toBe(4);
    expect(locked.stderr).toMatch(/another ksm-sync run holds the lock/);
  });

  it('reports a bad map file with its line and column (exit 2) and prints its schema', {
    timeout: 30_000,
  }, async () => {
    await writeFile(
      join(dir, 'bad.yaml'),
      mapText(keeper.vault.seeded.records).replace('type: dotenv', 'type: dotenvy'),
    );
    const bad = await ksmSync(['validate', '--map', 'bad.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.yaml:5:11: targets\.env\.type: needs a "type" of aws, vault, azure, gcp, json or dotenv/,
    );
    const schema = await ksmSync(['schema']);
    expect(JSON.parse(schema.stdout).title).toBe('ksm-sync map file');
  });

  it("runs a `ksm sync` command line with Keeper's flags and credentials record, and converts it to a map", {
    timeout: 60_000,
  }, async () => {
    const uid = keeper.vault.seeded.records;
    const keeperArgs = [
      '-t',
      'aws',
      '-c',
      uid['AWS Keys'] as string,
      '-m',
      'compat/db',
      `keeper://${uid.Database}/field/password`,
      '-m',
      'compat/app+user',
      `keeper://${uid.Queue}/field/login`,
      '-m',
      'compat/app+pass',
      `keeper://${uid.Queue}/field/password`,
    ];
    const dry = await ksmSync(['compat', ...keeperArgs, '--dry-run']);
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as SyncPlan).items.map((i) => i.action)).toEqual(['create', 'create']);
    const run = await ksmSync(['compat', ...keeperArgs]);
    expect(run.code).toBe(0);
    expect(leakedValues(dry.stdout + run.stdout + run.stderr)).toEqual([]);
    // the credentials record's keys and region (Keeper's labels) reached the AWS SDK: moto keeps secrets per region
    const aws = new SecretsManagerClient({
      region: 'eu-west-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    expect((await aws.send(new GetSecretValueCommand({ SecretId: 'compat/db' }))).SecretString).toBe(SEEDED_VALUES[0]);
    const merged = (await aws.send(new GetSecretValueCommand({ SecretId: 'compat/app' }))).SecretString ?? '{}';
    expect(JSON.parse(merged)).toEqual({ user: 'q-user', pass: SEEDED_VALUES[1] });
    expect((JSON.parse((await ksmSync(['compat', ...keeperArgs])).stdout) as SyncReport).counts).toMatchObject({
      unchanged: 2,
    });

    const converted = await ksmSync(['convert', ...keeperArgs, '--out', 'converted.yaml']);
    expect(converted.code).toBe(0);
    const valid = await ksmSync(['validate', '--map', 'converted.yaml']);
    expect(valid.stdout).toMatch(/valid \(1 targets, 2 entries\)/);
  });

  it('run --every applies at once, then stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    await writeFile(
      join(dir, 'every.yaml'),
      mapText(keeper.vault.seeded.records).replace('job: local-test', 'job: every').replaceAll('out/app', 'out/every'),
    );
    const child = spawn(process.execPath, [BIN, 'run', '--map', 'every.yaml', '--every', '1h', '--jitter', '1m'], {
      cwd: dir,
      env,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    while (!stderr.includes('next run in')) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readFile(join(dir, 'out/every.env'), 'utf8')).toContain(`DB_PASSWORD=${SEEDED_VALUES[0]}`);
    expect(Number(stderr.match(/next run in (\d+) s/)?.[1])).toBeGreaterThanOrEqual(3600);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
