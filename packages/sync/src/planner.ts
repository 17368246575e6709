// Builds the plan: compares what Keeper wants with what each destination holds (tags, value hashes) and applies the policies.
import type { Hasher } from './hash.js';
import { mapLimit } from './map-limit.js';
import type { SyncMap, TargetConfig } from './map-types.js';
import { checkName } from './naming-rules.js';
import type { PlanItem, SyncPlan } from './plan-types.js';
import type { Provider, RemoteSecret, SecretValue } from './provider.js';
import type { DesiredSecret, SourceSnapshot } from './source.js';

/** Options of `buildPlan`. */
export interface PlanOptions {
  /** Destination names (or `target:name`) we may take over although another owner or nobody tagged them. */
  readonly adopt?: readonly string[] | undefined;
  /** Lift the deletion budget for this run. */
  readonly allowMassDelete?: boolean | undefined;
  readonly now?: (() => Date) | undefined;
}

/** A plan plus the values apply needs (kept in memory only, never serialised). */
export interface PlanWithValues {
  readonly plan: SyncPlan;
  readonly values: ReadonlyMap<string, SecretValue>;
}

/** Key of a (target, name) pair in `values`. */
export const valueKey = (target: string, name: string): string => `${target}\0${name}`;

/** The deletion budget check: more than `max`, or more than `percent` of what we own (beyond a single delete). */
function overBudget(config: TargetConfig, deletes: number, owned: number): string | null {
  const max = config.deleteBudget?.max ?? 10;
  const percent = config.deleteBudget?.percent ?? 25;
  if (deletes > max) return `${deletes} deletions exceed the budget of ${max}`;
  if (deletes > 1 && owned > 0 && (deletes / owned) * 100 > percent)
    return `${deletes} of ${owned} owned secrets (${Math.round((deletes / owned) * 100)} %) exceed the budget of ${percent} %`;
  return null;
}

interface TargetContext {
  readonly target: string;
  readonly config: TargetConfig;
  readonly provider: Provider;
  readonly job: string;
  readonly hash: Hasher;
  readonly adopt: ReadonlySet<string>;
}

/** Plans one desired secret given the destination's state. */
function planOne(
  ctx: TargetContext,
  want: DesiredSecret,
  remote: RemoteSecret | null,
  destHash: string | undefined,
  values: Map<string, SecretValue>,
): PlanItem {
  const base = { target: ctx.target, name: want.name, source: want.source, destHash };
  const nameProblem = checkName(ctx.provider.kind, want.name);
  if (nameProblem !== null) return { ...base, action: 'skipped', reason: `invalid name: ${nameProblem}`, failed: true };
  if (want.read.state === 'error')
    return { ...base, action: 'skipped', reason: `source error ${want.read.code}`, failed: true };
  const ours = remote?.tags?.owner === ctx.job;
  const adopted = ctx.adopt.has(want.name) || ctx.adopt.has(`${ctx.target}:${want.name}`);
  if (want.read.state === 'absent') {
    if (remote !== null && ours && remote.softDeleted !== true)
      return ctx.config.onAbsent === 'keep'
        ? { ...base, action: 'unchanged', reason: 'source absent (kept)' }
        : { ...base, action: 'delete', reason: 'source absent' };
    return { ...base, action: 'unchanged', reason: 'source absent' };
  }
  const value = ctx.provider.stored?.(want.read) ?? want.read;
  const sourceHash = ctx.hash(want.name, value.bytes);
  const item = { ...base, sourceHash };
  if (remote === null) {
    values.set(valueKey(ctx.target, want.name), value);
    return { ...item, action: 'create' };
  }
  if (!ours && !adopted) {
    const owner = remote.tags?.owner;
    return {
      ...item,
      action: 'conflict',
      reason: owner === undefined ? 'exists, not created by ksm-sync (use --adopt)' : `owned by job "${owner}"`,
      failed: true,
    };
  }
  values.set(valueKey(ctx.target, want.name), value);
  if (remote.softDeleted === true)
    return { ...item, action: 'create', restore: true, reason: 'restoring a soft-deleted secret' };
  if (destHash === sourceHash) {
    const retag = !ours || remote.tags?.hash !== sourceHash || remote.tags?.source !== want.source;
    return {
      ...item,
      action: 'unchanged',
      retag: retag || undefined,
      reason: retag ? (ours ? 'tags repaired' : 'adopted') : undefined,
    };
  }
  if (destHash === undefined) return { ...item, action: 'update', reason: 'no current value' };
  const drift = ours && remote.tags?.hash !== undefined && destHash !== remote.tags.hash;
  if (!drift) return { ...item, action: 'update', reason: ours ? undefined : 'adopted' };
  const policy = ctx.config.drift ?? 'fail';
  if (policy === 'overwrite')
    return { ...item, action: 'update', drift: true, reason: 'drift: overwritten (policy overwrite)' };
  if (policy === 'skip')
    return { ...item, action: 'skipped', drift: true, reason: 'drift: left as edited (policy skip)' };
  return { ...item, action: 'conflict', drift: true, reason: 'drift: edited out of band (policy fail)', failed: true };
}

/** Plans one target. */
async function planTarget(
  ctx: TargetContext,
  desired: readonly DesiredSecret[],
  holdDeletes: boolean,
  allowMassDelete: boolean,
  values: Map<string, SecretValue>,
  problems: string[],
): Promise<PlanItem[]> {
  const concurrency = ctx.config.concurrency ?? 8;
  const owned = new Map((await ctx.provider.listOwned(ctx.job)).map((secret) => [secret.name, secret]));
  const remotes = new Map<string, RemoteSecret | null>(owned);
  const unknown = [
    ...new Set(
      desired.map((d) => d.name).filter((name) => !owned.has(name) && checkName(ctx.provider.kind, name) === null),
    ),
  ];
  const described = await mapLimit(unknown, concurrency, (name) => ctx.provider.describe(name));
  for (const [i, name] of unknown.entries()) remotes.set(name, described[i] ?? null);
  const readable = [...remotes].filter(([name, remote]) => {
    if (remote === null || remote.softDeleted === true) return false;
    return remote.tags?.owner === ctx.job || ctx.adopt.has(name) || ctx.adopt.has(`${ctx.target}:${name}`);
  });
  const wanted = new Set(desired.map((d) => d.name));
  const hashes = await ctx.provider.readHashes(
    readable.map(([name]) => name).filter((name) => wanted.has(name)),
    ctx.hash,
  );
  const sources = new Map<string, number>();
  for (const want of desired) sources.set(want.name, (sources.get(want.name) ?? 0) + 1);
  const items = desired.map(
    (want): PlanItem =>
      (sources.get(want.name) ?? 0) > 1
        ? {
            target: ctx.target,
            name: want.name,
            source: want.source,
            action: 'skipped',
            reason: 'more than one source renders this name',
            failed: true,
          }
        : planOne(ctx, want, remotes.get(want.name) ?? null, hashes.get(want.name), values),
  );
  for (const [name, secret] of owned)
    if (!wanted.has(name) && secret.softDeleted !== true)
      items.push({
        target: ctx.target,
        name,
        action: 'delete',
        reason: 'removed from the map',
        source: secret.tags?.source,
      });
  const deletes = items.filter((item) => item.action === 'delete');
  let hold: string | null = holdDeletes ? 'deletion held: some sources could not be read' : null;
  const budget = overBudget(
    ctx.config,
    deletes.length,
    [...owned.values()].filter((s) => s.softDeleted !== true).length,
  );
  if (hold === null && budget !== null && !allowMassDelete) {
    hold = `deletion budget exceeded: ${budget} (pass --allow-mass-delete)`;
    problems.push(`${ctx.target}: ${hold}`);
  }
  if (hold === null) return items;
  return items.map((item) =>
    item.action === 'delete'
      ? { ...item, action: 'skipped', reason: hold, failed: holdDeletes ? undefined : true }
      : item,
  );
}

/**
 * Compares the snapshot of Keeper with every target. Reads only: a list of what the job owns, one describe per desired
 * name it does not own, and one value read per existing desired secret (batched where the provider can).
 *
 * @example
 * const { plan, values } = await buildPlan(map, snapshot, providers, hasher);
 */
export async function buildPlan(
  map: SyncMap,
  snapshot: SourceSnapshot,
  providers: ReadonlyMap<string, Provider>,
  hash: Hasher,
  options: PlanOptions = {},
): Promise<PlanWithValues> {
  const values = new Map<string, SecretValue>();
  const problems = snapshot.entryErrors.map((e) => `entries[${e.entry}] (${e.target}): ${e.code}: ${e.message}`);
  const holdDeletes = snapshot.entryErrors.length > 0 || snapshot.desired.some((d) => d.read.state === 'error');
  const items: PlanItem[] = [];
  for (const [target, config] of Object.entries(map.targets)) {
    const provider = providers.get(target);
    if (provider === undefined) continue;
    const ctx: TargetContext = { target, config, provider, job: map.job, hash, adopt: new Set(options.adopt ?? []) };
    const desired = snapshot.desired.filter((d) => d.target === target);
    items.push(...(await planTarget(ctx, desired, holdDeletes, options.allowMassDelete === true, values, problems)));
  }
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  return { plan: { version: 1, job: map.job, createdAt, items, problems }, values };
}
