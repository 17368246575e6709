// Test support: the scenarios as one suite every destination runs (a real Keeper vault; the destination behind an adapter).
import { createNodeClient } from '@ksmkit/config';
import { createMemoryStorage, type KsmClient, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSyncError } from '../src/errors.js';
import { parseMap } from '../src/map-file.js';
import type { SyncMap } from '../src/map-types.js';
import { type OpenProvidersOptions, openProviders } from '../src/open-providers.js';
import type { PlanItem } from '../src/plan-types.js';
import { runSync, type SyncRunOptions } from '../src/sync-run.js';
import { type KeeperFixture, startKeeper } from './keeper.js';
import { leakedValues, SEED, SEEDED_VALUES } from './seed.js';

/** How the suite drives one destination: its map target, and out-of-band access through the official client or the fake. */
export interface ScenarioTarget {
  readonly label: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The map's target settings (type, endpoint, …); `credentialsUid` is the seeded cloud credentials record. */
  target(credentialsUid: string): Record<string, unknown>;
  /** Extra options for opening providers (an https.Agent for a test CA). */
  providerOptions?(): Partial<OpenProvidersOptions>;
  /** A destination name for `job` and a short key, valid for this provider. */
  name(job: string, key: string): string;
  /** The live value as text, or undefined when absent or deleted. */
  value(name: string): Promise<string | undefined>;
  /** Creates a secret without our tags (someone else's). */
  foreign(name: string, value: string): Promise<void>;
  /** Writes a new value out of band, keeping the tags. */
  edit(name: string, value: string): Promise<void>;
  /** True when the secret is soft-deleted / scheduled for deletion (recoverable). */
  softDeleted(name: string): Promise<boolean>;
  /** Makes the next `count` writes fail with throttling (Retry-After seconds) and then `errors` writes with a 5xx. */
  faults(count: number, retryAfter: number, errors: number): void;
  /** Writes answered with a fault since `faults` was last called, and writes that landed. */
  faultCounts(): { faulted: number; landed: number };
}

/**
 * Faulted and landed writes among log entries (each fake's log has a `faulted` flag).
 *
 * @example
 * faultCounts: () => countFaults(fake.log.slice(mark), (entry) => entry.request.startsWith('PUT '))
 */
export function countFaults<T extends { readonly faulted: boolean }>(
  entries: readonly T[],
  isWrite: (entry: T) => boolean,
): { faulted: number; landed: number } {
  const writes = entries.filter(isWrite);
  return { faulted: writes.filter((e) => e.faulted).length, landed: writes.filter((e) => !e.faulted).length };
}

/** Runs every scenario against `adapter`. */
export function describeScenarios(adapter: ScenarioTarget): void {
  let keeper: KeeperFixture;
  let client: KsmClient;
  let uid: Record<string, string>;

  beforeAll(async () => {
    [keeper] = await Promise.all([startKeeper(SEED), adapter.start()]);
    client = await keeper.client();
    uid = keeper.vault.seeded.records;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([adapter.stop(), keeper?.stop()]);
  });

  const n = adapter.name;
  const password = (title: string) => `keeper://${uid[title]}/field/password`;
  const threeEntries = (job: string) => [
    { name: n(job, 'db'), notation: password('Database') },
    { name: n(job, 'queue'), notation: password('Queue') },
    { name: n(job, 'cache'), notation: password('Cache') },
  ];
  const makeMap = (
    job: string,
    options: { drift?: string; deleteBudget?: object; entries: readonly Record<string, unknown>[] },
  ): SyncMap =>
    parseMap(
      JSON.stringify({
        version: 1,
        job,
        targets: {
          dest: {
            ...adapter.target(uid['Azure SP'] as string),
            drift: options.drift,
            deleteBudget: options.deleteBudget,
          },
        },
        entries: options.entries.map((entry) => ({ target: 'dest', ...entry })),
      }),
    );
  const sync = async (map: SyncMap, extra: Partial<SyncRunOptions> = {}) => {
    const providers = await openProviders(map, (await client.getSecrets()).records, {
      baseDir: '.',
      retry: { baseDelayMs: 20, maxDelayMs: 2000 },
      ...adapter.providerOptions?.(),
    });
    const run = await runSync({ map, client, mode: 'apply', baseDir: '.', providers, ...extra });
    const calls = providers.get('dest')?.calls ?? { reads: 0, writes: 0, retries: 0 };
    const by = (action: PlanItem['action']) =>
      run.plan.items
        .filter((item) => item.action === action)
        .map((item) => item.name)
        .sort();
    return { ...run, calls, by };
  };
  const setPassword = async (title: string, value: string) => {
    const [record] = (await client.getSecrets({ uids: [uid[title] as string] })).records;
    if (record === undefined) throw new Error(`no ${title}`);
    const fields = record.data.fields.map((field) =>
      field.type === 'password' ? { ...field, value: [value] } : field,
    );
    await client.updateSecret({ ...record, data: { ...record.data, fields } });
  };
  const sorted = (...names: string[]) => [...names].sort();

  describe(`ksm-sync scenarios against ${adapter.label} and a real Keeper vault`, () => {
    it('first sync creates; a re-sync writes nothing; one changed record is one write; no value in any report', {
      timeout: 60_000,
    }, async () => {
      const map = makeMap('first', { entries: threeEntries('first') });
      const first = await sync(map);
      expect(first.by('create')).toEqual(sorted(n('first', 'cache'), n('first', 'db'), n('first', 'queue')));
      expect(first.report.ok).toBe(true);
      expect(await adapter.value(n('first', 'db'))).toBe(SEEDED_VALUES[0]);

      const again = await sync(map);
      expect(again.by('unchanged')).toHaveLength(3);
      expect(again.calls.writes).toBe(0);

      await setPassword('Queue', 'Queue-Rotated-Value-0001');
      try {
        const changed = await sync(map);
        expect(changed.by('update')).toEqual([n('first', 'queue')]);
        expect(changed.by('unchanged')).toHaveLength(2);
        expect(await adapter.value(n('first', 'queue'))).toBe('Queue-Rotated-Value-0001');
        const everything = JSON.stringify([first.report, again.report, changed.report, changed.plan]);
        expect(leakedValues(everything, ['Queue-Rotated-Value-0001'])).toEqual([]);
      } finally {
        await setPassword('Queue', SEEDED_VALUES[1]);
      }
    });

    it('a removed entry is one delete (recoverable); more than the budget needs --allow-mass-delete; a returning name is restored', {
      timeout: 60_000,
    }, async () => {
      const entries = [...threeEntries('budget'), { name: n('budget', 'mail'), notation: password('Mail') }];
      await sync(makeMap('budget', { entries }));
      const removed = await sync(makeMap('budget', { entries: entries.slice(0, 3) }));
      expect(removed.by('delete')).toEqual([n('budget', 'mail')]);
      expect(removed.report.ok).toBe(true);
      expect(await adapter.softDeleted(n('budget', 'mail'))).toBe(true);

      const tight = makeMap('budget', { entries: entries.slice(0, 1), deleteBudget: { max: 1 } });
      const refused = await sync(tight);
      expect(refused.by('delete')).toEqual([]);
      expect(refused.report.ok).toBe(false);
      expect(refused.plan.problems.join('\n')).toMatch(/deletion budget exceeded/);
      expect(await adapter.value(n('budget', 'queue'))).toBe(SEEDED_VALUES[1]);

      expect((await sync(tight, { allowMassDelete: true })).by('delete')).toHaveLength(2);
      const back = await sync(makeMap('budget', { entries: entries.slice(0, 2) }));
      expect(back.plan.items.find((item) => item.name === n('budget', 'queue'))).toMatchObject({
        action: 'create',
        restore: true,
      });
      expect(await adapter.value(n('budget', 'queue'))).toBe(SEEDED_VALUES[1]);
    });

    it('Keeper read errors and an unreachable Keeper delete nothing and fail the run', {
      timeout: 60_000,
    }, async () => {
      await sync(makeMap('errors', { entries: threeEntries('errors') }));
      const [, queue] = threeEntries('errors');
      const typo = { name: n('errors', 'db'), notation: `keeper://${uid.Database}/field/passwrd` };
      const run = await sync(makeMap('errors', { entries: [typo, queue as Record<string, unknown>] }));
      expect(run.by('delete')).toEqual([]);
      expect(run.plan.items.find((item) => item.name === n('errors', 'db'))).toMatchObject({
        action: 'skipped',
        failed: true,
      });
      expect(run.plan.items.find((item) => item.name === n('errors', 'cache'))?.reason).toMatch(/deletion held/);
      expect(run.report.ok).toBe(false);
      expect(run.calls.writes).toBe(0);
      expect(await adapter.value(n('errors', 'cache'))).toBe(SEEDED_VALUES[2]);

      const config = { ...JSON.parse(await keeper.deviceConfig()), hostname: '127.0.0.1:1' };
      const storage = createMemoryStorage();
      await writeDeviceConfig(storage, await parseDeviceConfig(JSON.stringify(config)));
      const { client: unreachable } = await createNodeClient({ storage, timeoutMs: 2000 });
      const map = makeMap('errors', { entries: [] });
      await expect(runSync({ map, client: unreachable, mode: 'apply', baseDir: '.' })).rejects.toSatisfy((error) =>
        isSyncError(error, 'ERR_SOURCE_UNAVAILABLE'),
      );
      expect(await adapter.value(n('errors', 'queue'))).toBe(SEEDED_VALUES[1]);
    });

    it('leaves a foreign secret with the same name untouched until --adopt names it', { timeout: 60_000 }, async () => {
      const name = n('foreign', 'db');
      await adapter.foreign(name, 'someone-elses-value');
      const map = makeMap('foreign', { entries: [{ name, notation: password('Database') }] });
      const run = await sync(map);
      expect(run.plan.items[0]).toMatchObject({ action: 'conflict', failed: true });
      expect(run.report.ok).toBe(false);
      expect(run.calls.writes).toBe(0);
      expect(await adapter.value(name)).toBe('someone-elses-value');
      expect((await sync(map, { adopt: [name] })).plan.items[0]).toMatchObject({ action: 'update', reason: 'adopted' });
      expect(await adapter.value(name)).toBe(SEEDED_VALUES[0]);
      expect((await sync(map)).plan.items[0]?.action).toBe('unchanged');
    });

    it('reports an out-of-band edit as drift and follows the policy', { timeout: 60_000 }, async () => {
      const name = n('drift', 'db');
      const entries = [{ name, notation: password('Database') }];
      await sync(makeMap('drift', { entries }));
      await adapter.edit(name, 'edited-by-hand');
      expect((await sync(makeMap('drift', { entries, drift: 'fail' }))).plan.items[0]).toMatchObject({
        action: 'conflict',
        drift: true,
        failed: true,
      });
      const skipping = await sync(makeMap('drift', { entries, drift: 'skip' }));
      expect(skipping.plan.items[0]).toMatchObject({ action: 'skipped', drift: true });
      expect(await adapter.value(name)).toBe('edited-by-hand');
      expect((await sync(makeMap('drift', { entries, drift: 'overwrite' }))).plan.items[0]).toMatchObject({
        action: 'update',
        drift: true,
      });
      expect(await adapter.value(name)).toBe(SEEDED_VALUES[0]);
    });

    it('a crash between two writes converges on the next run', { timeout: 60_000 }, async () => {
      const map = makeMap('crash', { entries: threeEntries('crash') });
      const crash = sync(map, {
        onWrite: () => {
          throw new Error('simulated crash after the first write');
        },
      });
      await expect(crash).rejects.toThrow('simulated crash');
      expect((await sync(map)).report.ok).toBe(true);
      const settled = await sync(map);
      expect(settled.by('unchanged')).toHaveLength(3);
      expect(settled.calls.writes).toBe(0);
    });

    it('throttled and failing writes are retried (Retry-After, back-off) until every write lands', {
      timeout: 60_000,
    }, async () => {
      adapter.faults(3, 1, 1);
      const began = Date.now();
      const run = await sync(makeMap('throttle', { entries: threeEntries('throttle') }));
      expect(run.report.ok).toBe(true);
      expect(run.by('create')).toHaveLength(3);
      expect(run.calls.retries).toBe(4);
      expect(Date.now() - began).toBeGreaterThanOrEqual(1000);
      expect(adapter.faultCounts().faulted).toBe(4);
      for (const key of ['db', 'queue', 'cache']) expect(await adapter.value(n('throttle', key))).toBeDefined();
    });

    it('one JSON secret per folder record under a template and prefix; an emptied field is absent', {
      timeout: 60_000,
    }, async () => {
      const map = makeMap('tmpl', {
        entries: [
          {
            name: n('tmpl', '{{record.title | kebab}}'),
            prefix: n('tmpl', ''),
            folder: keeper.vault.seeded.folders.Apps,
          },
          { name: n('tmpl', 'emptied-password'), notation: password('Emptied') },
        ],
      });
      const run = await sync(map);
      expect(run.by('create')).toEqual(
        sorted(...['cache', 'database', 'emptied', 'mail', 'queue'].map((key) => n('tmpl', key))),
      );
      expect(run.plan.items.find((item) => item.name === n('tmpl', 'emptied-password'))).toMatchObject({
        action: 'unchanged',
        reason: 'source absent',
      });
      expect(JSON.parse((await adapter.value(n('tmpl', 'database'))) ?? '{}')).toEqual({
        login: 'db-user',
        password: SEEDED_VALUES[0],
      });
      expect((await sync(map)).calls.writes).toBe(0);
    });

    it('apply with a saved plan refuses when a destination changed since', { timeout: 60_000 }, async () => {
      const map = makeMap('saved', { entries: threeEntries('saved') });
      await sync(map);
      const { plan } = await runSync({ map, client, mode: 'plan', baseDir: '.', ...adapter.providerOptions?.() });
      expect((await sync(map, { savedPlan: plan })).report.ok).toBe(true);
      await adapter.edit(n('saved', 'db'), 'changed-meanwhile');
      await expect(sync(map, { savedPlan: plan })).rejects.toSatisfy((error) => isSyncError(error, 'ERR_PLAN_STALE'));
      expect(await adapter.value(n('saved', 'db'))).toBe('changed-meanwhile');
    });
  });
}
