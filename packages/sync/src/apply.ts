// Applies a plan: only rows that change something are written; each write carries our tags; failures are per row.
import { mapLimit } from './map-limit.js';
import type { SyncMap } from './map-types.js';
import type { PlanItem } from './plan-types.js';
import { type PlanWithValues, valueKey } from './planner.js';
import type { Provider } from './provider.js';

/** What happened to one row. */
export interface ApplyResult {
  readonly item: PlanItem;
  readonly status: 'done' | 'noop' | 'failed' | 'not-run';
  /** Error name or code only: provider messages can echo input, so they are not kept. */
  readonly error?: string | undefined;
}

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Called after each row that wrote something (progress bars; tests stop the run here to simulate a crash). */
  readonly onWrite?: ((item: PlanItem) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

const writes = (item: PlanItem) =>
  item.action === 'create' || item.action === 'update' || item.action === 'delete' || item.retag === true;

const errorName = (error: unknown): string => {
  const e = error as { code?: unknown; name?: unknown };
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error';
};

/** Performs one row against its provider. */
async function applyItem(map: SyncMap, provider: Provider, planned: PlanWithValues, item: PlanItem): Promise<void> {
  const tags = { owner: map.job, source: item.source ?? '', hash: item.sourceHash ?? '' };
  const value = planned.values.get(valueKey(item.target, item.name));
  if (item.action === 'delete') return provider.delete(item.name);
  if (item.action === 'unchanged') return provider.retag(item.name, tags);
  if (value === undefined) throw new Error(`no value planned for ${item.target}:${item.name}`);
  if (item.action === 'create') return provider.create(item.name, value, tags, { restore: item.restore === true });
  return provider.update(item.name, value, tags);
}

/**
 * Applies every writing row of `planned` (create, update, delete, retag), target by target with each target's
 * concurrency, then flushes file targets. A failed row does not stop the others; nothing else is touched.
 *
 * @example
 * const results = await applyPlan(map, planned, providers);
 */
export async function applyPlan(
  map: SyncMap,
  planned: PlanWithValues,
  providers: ReadonlyMap<string, Provider>,
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const [target, config] of Object.entries(map.targets)) {
    const provider = providers.get(target);
    const rows = planned.plan.items.filter((item) => item.target === target);
    if (provider === undefined) continue;
    const done = await mapLimit(rows, config.concurrency ?? 8, async (item): Promise<ApplyResult> => {
      if (!writes(item)) return { item, status: 'noop' };
      if (options.signal?.aborted === true) return { item, status: 'not-run' };
      try {
        await applyItem(map, provider, planned, item);
      } catch (error) {
        return { item, status: 'failed', error: errorName(error) };
      }
      options.onWrite?.(item);
      return { item, status: 'done' };
    });
    try {
      await provider.flush();
    } catch (error) {
      for (let i = 0; i < done.length; i++) {
        const result = done[i] as ApplyResult;
        if (result.status === 'done') done[i] = { ...result, status: 'failed', error: errorName(error) };
      }
    }
    results.push(...done);
  }
  return results;
}
