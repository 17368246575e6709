// One sync run: read Keeper once, open the targets, plan, and (for apply) check a saved plan and write what changed.
import { evaluateNotation, type KsmClient, utf8Encode } from '@ksmkit/core';
import { type ApplyResult, applyPlan } from './apply.js';
import { SyncError } from './errors.js';
import { createHasher } from './hash.js';
import type { SyncMap } from './map-types.js';
import { type OpenProvidersOptions, openProviders } from './open-providers.js';
import type { PlanItem, SyncPlan } from './plan-types.js';
import { buildPlan } from './planner.js';
import type { Provider } from './provider.js';
import { buildReport, type SyncReport } from './report.js';
import { readSources } from './source.js';

/** Options of `runSync`. */
export interface SyncRunOptions extends OpenProvidersOptions {
  readonly map: SyncMap;
  readonly client: KsmClient;
  readonly mode: 'plan' | 'apply';
  readonly adopt?: readonly string[] | undefined;
  readonly allowMassDelete?: boolean | undefined;
  /** A plan saved by `plan --out`: apply refuses when the source or a destination changed since. */
  readonly savedPlan?: SyncPlan | undefined;
  readonly onWrite?: ((item: PlanItem) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Providers to use instead of opening them from the map (benchmarks and tests that count calls). */
  readonly providers?: ReadonlyMap<string, Provider> | undefined;
}

/** What a run produced. */
export interface SyncRunResult {
  readonly plan: SyncPlan;
  readonly results: readonly ApplyResult[] | null;
  readonly report: SyncReport;
}

const rowKey = (item: PlanItem) => `${item.target}\0${item.name}`;
const sameRow = (a: PlanItem, b: PlanItem) =>
  a.action === b.action && a.sourceHash === b.sourceHash && a.destHash === b.destHash;

/**
 * The names whose planned action or hashes differ between a saved plan and a fresh one (empty: still valid).
 *
 * @example
 * staleRows(saved, fresh); // ['aws:prod/db']
 */
export function staleRows(saved: SyncPlan, fresh: SyncPlan): string[] {
  const now = new Map(fresh.items.map((item) => [rowKey(item), item]));
  const out = new Set<string>();
  for (const item of saved.items) {
    const current = now.get(rowKey(item));
    if (current === undefined || !sameRow(item, current)) out.add(`${item.target}:${item.name}`);
    now.delete(rowKey(item));
  }
  for (const item of now.values()) out.add(`${item.target}:${item.name}`);
  return [...out];
}

/**
 * Plans (and for `mode: 'apply'` applies) one map. Throws `ERR_SOURCE_UNAVAILABLE` when Keeper cannot be read and
 * `ERR_PLAN_STALE` when a saved plan no longer matches; row-level failures are in the report (`ok: false`).
 *
 * @example
 * const { report } = await runSync({ map, client, mode: 'apply', baseDir: process.cwd() });
 */
export async function runSync(options: SyncRunOptions): Promise<SyncRunResult> {
  const startedAt = new Date();
  const { map } = options;
  if (options.savedPlan !== undefined && options.savedPlan.job !== map.job)
    throw new SyncError('ERR_PLAN_STALE', `the saved plan is for job "${options.savedPlan.job}", not "${map.job}"`);
  const snapshot = await readSources(options.client, map);
  let key: Uint8Array | undefined;
  if (map.hashKey !== undefined) {
    const [value] = (() => {
      try {
        return evaluateNotation(snapshot.records, map.hashKey);
      } catch (error) {
        throw new SyncError(
          'ERR_SOURCE_UNAVAILABLE',
          'the hashKey notation could not be read; nothing was planned or changed',
          {},
          { cause: error },
        );
      }
    })();
    if (value === undefined || value === '')
      throw new SyncError('ERR_SOURCE_UNAVAILABLE', 'the hashKey secret is empty; nothing was planned or changed');
    key = utf8Encode(value);
  }
  const providers = options.providers ?? (await openProviders(map, snapshot.records, options));
  const planned = await buildPlan(map, snapshot, providers, createHasher(map.job, key), {
    adopt: options.adopt,
    allowMassDelete: options.allowMassDelete,
  });
  if (options.savedPlan !== undefined) {
    const stale = staleRows(options.savedPlan, planned.plan);
    if (stale.length > 0)
      throw new SyncError(
        'ERR_PLAN_STALE',
        `the source or destination changed since the plan was made (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}); run plan again`,
      );
  }
  const results =
    options.mode === 'apply'
      ? await applyPlan(map, planned, providers, { onWrite: options.onWrite, signal: options.signal })
      : null;
  const calls = Object.fromEntries([...providers].map(([name, provider]) => [name, { ...provider.calls }]));
  return { plan: planned.plan, results, report: buildReport(planned.plan, results, calls, startedAt) };
}
