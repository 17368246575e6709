// The scenarios end to end: a real ksmkit-vault as Keeper, moto_server as AWS (behind a fault-injecting proxy), the official SDK.
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { createNodeClient } from '@ksmkit/config';
import { createMemoryStorage, type KsmClient, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../test-support/fault-proxy.js';
import { type KeeperFixture, startKeeper } from '../../test-support/keeper.js';
import { type Moto, startMotoServer } from '../../test-support/moto.js';
import { leakedValues, SEED, SEEDED_VALUES } from '../../test-support/seed.js';
import { isSyncError } from '../errors.js';
import { parseMap } from '../map-file.js';
import { openProviders } from '../open-providers.js';
import type { PlanItem } from '../plan-types.js';
import { runSync, type SyncRunOptions } from '../sync-run.js';

let moto: Moto;
let proxy: FaultProxy;
let keeper: KeeperFixture;
let client: KsmClient;
let aws: SecretsManagerClient;
let uid: Record<string, string>;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  [moto, keeper] = await Promise.all([startMotoServer(), startKeeper(SEED)]);
  proxy = await startFaultProxy(moto.endpoint);
  client = await keeper.client();
  uid = keeper.vault.seeded.records;
  aws = new SecretsManagerClient({ region: 'us-east-1', endpoint: moto.endpoint });
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await Promise.all([moto?.stop(), keeper?.stop()]);
});

interface MapOptions {
  readonly drift?: 'overwrite' | 'skip' | 'fail';
  readonly deleteBudget?: { max?: number; percent?: number };
  readonly entries: readonly Record<string, unknown>[];
}

/** A map for `job` writing to AWS (through the proxy) under the prefix `job/`. */
function awsMap(job: string, options: MapOptions) {
  return parseMap(
    JSON.stringify({
      version: 1,
      job,
      targets: {
        aws: {
          type: 'aws',
          region: 'us-east-1',
          endpoint: proxy.url,
          drift: options.drift,
          deleteBudget: options.deleteBudget,
        },
      },
      entries: options.entries.map((entry) => ({ target: 'aws', ...entry })),
    }),
  );
}

const password = (title: string) => `keeper://${uid[title]}/field/password`;
const threeEntries = (job: string) => [
  { name: `${job}/db`, notation: password('Database') },
  { name: `${job}/queue`, notation: password('Queue') },
  { name: `${job}/cache`, notation: password('Cache') },
];

async function sync(map: ReturnType<typeof awsMap>, extra: Partial<SyncRunOptions> = {}) {
  const snapshotRecords = (await client.getSecrets()).records;
  const providers = await openProviders(map, snapshotRecords, {
    baseDir: '.',
    retry: { baseDelayMs: 20, maxDelayMs: 2000 },
  });
  const run = await runSync({ map, client, mode: 'apply', baseDir: '.', providers, ...extra });
  const calls = providers.get('aws')?.calls ?? { reads: 0, writes: 0, retries: 0 };
  const by = (action: PlanItem['action']) =>
    run.plan.items
      .filter((item) => item.action === action)
      .map((item) => item.name)
      .sort();
  return { ...run, calls, by };
}

async function awsValue(name: string): Promise<string | undefined> {
  return (await aws.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
}

async function setKeeperPassword(title: string, value: string): Promise<void> {
  const [record] = (await client.getSecrets({ uids: [uid[title] as string] })).records;
  if (record === undefined) throw new Error(`no ${title}`);
  const fields = record.data.fields.map((field) => (field.type === 'password' ? { ...field, value: [value] } : field));
  await client.updateSecret({ ...record, data: { ...record.data, fields } });
}

describe('ksm-sync against AWS (moto) and a real Keeper vault', () => {
  it('first sync creates and tags; a re-sync writes nothing; one changed record is one write', {
    timeout: 60_000,
  }, async () => {
    const map = awsMap('first', { entries: threeEntries('first') });
    const first = await sync(map);
    expect(first.by('create')).toEqual(['first/cache', 'first/db', 'first/queue']);
    expect(first.report.ok).toBe(true);
    expect(await awsValue('first/db')).toBe(SEEDED_VALUES[0]);
    const described = await aws.send(new DescribeSecretCommand({ SecretId: 'first/db' }));
    const tags = Object.fromEntries((described.Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(tags['ksm-sync:owner']).toBe('first');
    expect(tags['ksm-sync:source']).toBe(`${uid.Database}/field/password`);
    expect(tags['ksm-sync:hash']).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);

    const again = await sync(map);
    expect(again.by('unchanged')).toEqual(['first/cache', 'first/db', 'first/queue']);
    expect(again.calls.writes).toBe(0);
    // one ListSecrets page and one BatchGetSecretValue for three secrets
    expect(again.calls.reads).toBeLessThanOrEqual(3);

    await setKeeperPassword('Queue', 'Queue-Rotated-Value-0001');
    try {
      const changed = await sync(map);
      expect(changed.by('update')).toEqual(['first/queue']);
      expect(changed.by('unchanged')).toEqual(['first/cache', 'first/db']);
      expect(changed.calls.writes).toBe(2); // PutSecretValue + TagResource
      expect(await awsValue('first/queue')).toBe('Queue-Rotated-Value-0001');
      expect(
        leakedValues(JSON.stringify([first.report, again.report, changed.report, changed.plan]), [
          'Queue-Rotated-Value-0001',
        ]),
      ).toEqual([]);
    } finally {
      await setKeeperPassword('Queue', SEEDED_VALUES[1]);
    }
  });

  it('removing a map entry deletes one secret through the recovery window; a bigger removal needs --allow-mass-delete', {
    timeout: 60_000,
  }, async () => {
    const entries = [...threeEntries('budget'), { name: 'budget/mail', notation: password('Mail') }];
    await sync(awsMap('budget', { entries }));
    const removed = await sync(awsMap('budget', { entries: entries.slice(0, 3) }));
    expect(removed.by('delete')).toEqual(['budget/mail']);
    expect(removed.report.ok).toBe(true);
    expect((await aws.send(new DescribeSecretCommand({ SecretId: 'budget/mail' }))).DeletedDate).toBeInstanceOf(Date);

    const tight = awsMap('budget', { entries: entries.slice(0, 1), deleteBudget: { max: 1 } });
    const refused = await sync(tight);
    expect(refused.by('delete')).toEqual([]);
    expect(refused.by('skipped')).toEqual(['budget/cache', 'budget/queue']);
    expect(refused.report.ok).toBe(false);
    expect(refused.plan.problems.join('\n')).toMatch(/deletion budget exceeded/);
    expect(await awsValue('budget/queue')).toBe(SEEDED_VALUES[1]);

    const allowed = await sync(tight, { allowMassDelete: true });
    expect(allowed.by('delete')).toEqual(['budget/cache', 'budget/queue']);
    // a deleted name comes back: the soft-deleted secret is restored, not recreated
    const back = await sync(awsMap('budget', { entries: entries.slice(0, 2) }));
    expect(back.plan.items.find((item) => item.name === 'budget/queue')).toMatchObject({
      action: 'create',
      restore: true,
    });
    expect(await awsValue('budget/queue')).toBe(SEEDED_VALUES[1]);
  });

  it('Keeper read errors and an unreachable Keeper never delete; the run fails', { timeout: 60_000 }, async () => {
    await sync(awsMap('errors', { entries: threeEntries('errors') }));
    // the db entry now has a typo in its field name, and the cache entry was removed from the map
    const broken = awsMap('errors', {
      entries: [
        { name: 'errors/db', notation: `keeper://${uid.Database}/field/passwrd` },
        threeEntries('errors')[1] as Record<string, unknown>,
      ],
    });
    const run = await sync(broken);
    expect(run.by('delete')).toEqual([]);
    expect(run.plan.items.find((item) => item.name === 'errors/db')).toMatchObject({ action: 'skipped', failed: true });
    expect(run.plan.items.find((item) => item.name === 'errors/cache')).toMatchObject({
      action: 'skipped',
      reason: expect.stringMatching(/deletion held/),
    });
    expect(run.report.ok).toBe(false);
    expect(run.calls.writes).toBe(0);
    expect(await awsValue('errors/db')).toBe(SEEDED_VALUES[0]);
    expect(await awsValue('errors/cache')).toBe(SEEDED_VALUES[2]);

    // an unshared folder is an entry error: its per-record secrets are not deleted either
    const folder = awsMap('errors', {
      entries: [{ name: 'errors/{{record.title | kebab}}', prefix: 'errors/', folder: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });
    const unshared = await sync(folder);
    expect(unshared.by('delete')).toEqual([]);
    expect(unshared.report.ok).toBe(false);

    // Keeper down: nothing is planned, nothing is written
    const config = { ...JSON.parse(await keeper.deviceConfig()), hostname: '127.0.0.1:1' };
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, await parseDeviceConfig(JSON.stringify(config)));
    const { client: unreachable } = await createNodeClient({ storage, timeoutMs: 2000 });
    const map = awsMap('errors', { entries: [] });
    await expect(runSync({ map, client: unreachable, mode: 'apply', baseDir: '.' })).rejects.toSatisfy((error) =>
      isSyncError(error, 'ERR_SOURCE_UNAVAILABLE'),
    );
    expect(await awsValue('errors/queue')).toBe(SEEDED_VALUES[1]);
  });

  it('leaves a foreign secret with the same name untouched until --adopt names it', { timeout: 60_000 }, async () => {
    await aws.send(new CreateSecretCommand({ Name: 'foreign/db', SecretString: 'someone-elses-value' }));
    const map = awsMap('foreign', { entries: [{ name: 'foreign/db', notation: password('Database') }] });
    const run = await sync(map);
    expect(run.plan.items[0]).toMatchObject({
      action: 'conflict',
      failed: true,
      reason: expect.stringMatching(/not created by ksm-sync/),
    });
    expect(run.report.ok).toBe(false);
    expect(await awsValue('foreign/db')).toBe('someone-elses-value');
    expect(run.calls.writes).toBe(0);

    const adopted = await sync(map, { adopt: ['foreign/db'] });
    expect(adopted.plan.items[0]).toMatchObject({ action: 'update', reason: 'adopted' });
    expect(await awsValue('foreign/db')).toBe(SEEDED_VALUES[0]);
    expect((await sync(map)).plan.items[0]?.action).toBe('unchanged');
  });

  it('reports an out-of-band edit as drift and follows the target policy', { timeout: 60_000 }, async () => {
    const entries = [{ name: 'drift/db', notation: password('Database') }];
    await sync(awsMap('drift', { entries }));
    await aws.send(new PutSecretValueCommand({ SecretId: 'drift/db', SecretString: 'edited-by-hand' }));

    const failing = await sync(awsMap('drift', { entries, drift: 'fail' }));
    expect(failing.plan.items[0]).toMatchObject({ action: 'conflict', drift: true, failed: true });
    const skipping = await sync(awsMap('drift', { entries, drift: 'skip' }));
    expect(skipping.plan.items[0]).toMatchObject({ action: 'skipped', drift: true });
    expect(skipping.report.ok).toBe(true);
    expect(await awsValue('drift/db')).toBe('edited-by-hand');
    const overwriting = await sync(awsMap('drift', { entries, drift: 'overwrite' }));
    expect(overwriting.plan.items[0]).toMatchObject({ action: 'update', drift: true });
    expect(await awsValue('drift/db')).toBe(SEEDED_VALUES[0]);
  });

  it('a crash between two writes converges on the next run', { timeout: 60_000 }, async () => {
    const map = awsMap('crash', { entries: threeEntries('crash') });
    let writes = 0;
    const crash = sync(map, {
      onWrite: () => {
        writes++;
        throw new Error('simulated crash after the first write');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    expect(writes).toBe(1);
    const next = await sync(map);
    expect(next.report.ok).toBe(true);
    expect(next.by('create').length + next.by('unchanged').length).toBe(3);
    const settled = await sync(map);
    expect(settled.by('unchanged')).toEqual(['crash/cache', 'crash/db', 'crash/queue']);
    expect(settled.calls.writes).toBe(0);
  });

  it('retries throttled and failing writes with Retry-After and back-off until every write lands', {
    timeout: 60_000,
  }, async () => {
    const map = awsMap('throttle', { entries: threeEntries('throttle') });
    const start = proxy.log.length;
    proxy.inject({
      count: 3,
      status: 400,
      type: 'ThrottlingException',
      retryAfter: 1,
      match: (op) => op === 'CreateSecret',
    });
    proxy.inject({ count: 1, status: 503, type: 'ServiceUnavailable', match: (op) => op === 'CreateSecret' });
    const began = Date.now();
    const run = await sync(map);
    expect(run.report.ok).toBe(true);
    expect(run.by('create')).toHaveLength(3);
    expect(run.calls.retries).toBe(4);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1000);
    const creates = proxy.log.slice(start).filter((entry) => entry.operation === 'CreateSecret');
    expect(creates.filter((entry) => entry.faulted)).toHaveLength(4);
    expect(creates.filter((entry) => !entry.faulted)).toHaveLength(3);
    for (const name of ['throttle/db', 'throttle/queue', 'throttle/cache']) expect(await awsValue(name)).toBeDefined();
  });

  it('apply with a saved plan refuses when the source or the destination changed since', {
    timeout: 60_000,
  }, async () => {
    const map = awsMap('saved', { entries: threeEntries('saved') });
    await sync(map);
    const { plan } = await runSync({ map, client, mode: 'plan', baseDir: '.' });
    expect((await sync(map, { savedPlan: plan })).report.ok).toBe(true);
    await aws.send(new PutSecretValueCommand({ SecretId: 'saved/db', SecretString: 'changed-meanwhile' }));
    await expect(sync(map, { savedPlan: plan })).rejects.toSatisfy((error) => isSyncError(error, 'ERR_PLAN_STALE'));
    expect(await awsValue('saved/db')).toBe('changed-meanwhile');
  });

  it('one JSON secret per folder record, named by a template under its prefix; an emptied field is absent', {
    timeout: 60_000,
  }, async () => {
    const folderUid = keeper.vault.seeded.folders.Apps as string;
    const map = awsMap('tmpl', {
      entries: [
        { name: 'tmpl/{{record.title | kebab}}', prefix: 'tmpl/', folder: folderUid },
        { name: 'tmpl/emptied-password', notation: password('Emptied') },
      ],
    });
    const run = await sync(map);
    expect(run.by('create')).toEqual(['tmpl/cache', 'tmpl/database', 'tmpl/emptied', 'tmpl/mail', 'tmpl/queue']);
    expect(run.plan.items.find((item) => item.name === 'tmpl/emptied-password')).toMatchObject({
      action: 'unchanged',
      reason: 'source absent',
    });
    expect(JSON.parse((await awsValue('tmpl/database')) ?? '{}')).toEqual({
      login: 'db-user',
      password: SEEDED_VALUES[0],
    });
  });
});
