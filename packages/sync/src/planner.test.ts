// The planner's policies over a real file target: duplicate rendered names, invalid names, onAbsent keep, the budget.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from './apply.js';
import { createHasher } from './hash.js';
import { parseMap } from './map-file.js';
import { buildPlan } from './planner.js';
import { openFileTarget } from './providers/file-target.js';
import type { DesiredSecret, SourceSnapshot } from './source.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksm-sync-plan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const value = (text: string): DesiredSecret['read'] => ({
  state: 'value',
  bytes: new TextEncoder().encode(text),
  binary: false,
});
const snapshot = (desired: DesiredSecret[]): SourceSnapshot => ({ desired, entryErrors: [], records: [] });
const mapFor = (path: string, policy: Record<string, unknown> = {}) =>
  parseMap(
    JSON.stringify({ version: 1, job: 'unit', targets: { env: { type: 'dotenv', path, ...policy } }, entries: [] }),
  );
const want = (name: string, read: DesiredSecret['read']): DesiredSecret => ({
  target: 'env',
  name,
  source: `src/${name}`,
  read,
});

describe('buildPlan', () => {
  it('refuses two sources rendering one name and names the provider rule a rendered name breaks', async () => {
    const map = mapFor(join(dir, 'a.env'));
    const providers = new Map([['env', await openFileTarget('dotenv', join(dir, 'a.env'))]]);
    const { plan } = await buildPlan(
      map,
      snapshot([want('A', value('1')), want('A', value('2')), want('bad-name', value('3'))]),
      providers,
      createHasher('unit'),
    );
    expect(plan.items.map((i) => [i.name, i.action, i.failed])).toEqual([
      ['A', 'skipped', true],
      ['A', 'skipped', true],
      ['bad-name', 'skipped', true],
    ]);
    expect(plan.items[2]?.reason).toMatch(/^invalid name: dotenv keys/);
  });

  it('keeps an absent source with onAbsent: keep and deletes it otherwise; the percent budget spares a single delete', async () => {
    const path = join(dir, 'b.env');
    const providers = async () => new Map([['env', await openFileTarget('dotenv', path)]]);
    const hash = createHasher('unit');
    const first = await buildPlan(
      mapFor(path),
      snapshot([want('A', value('1')), want('B', value('2')), want('C', value('3'))]),
      await providers(),
      hash,
    );
    const opened = await providers();
    await applyPlan(mapFor(path), first, opened);
    const absent = snapshot([want('A', { state: 'absent' }), want('B', value('2')), want('C', value('3'))]);
    expect(
      (await buildPlan(mapFor(path, { onAbsent: 'keep' }), absent, await providers(), hash)).plan.items[0],
    ).toMatchObject({ action: 'unchanged', reason: 'source absent (kept)' });
    expect((await buildPlan(mapFor(path), absent, await providers(), hash)).plan.items[0]).toMatchObject({
      action: 'delete',
    });
    const twoGone = await buildPlan(mapFor(path), snapshot([want('C', value('3'))]), await providers(), hash);
    expect(twoGone.plan.items.filter((i) => i.action === 'skipped').map((i) => i.name)).toEqual(['A', 'B']);
    expect(twoGone.plan.problems[0]).toMatch(/2 of 3 owned secrets \(67 %\) exceed the budget of 25 %/);
  });
});
