// The plan: per target and name, what apply would do, with hashes and never values.

/** What apply does with one destination name. */
export type PlanAction = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'skipped';

/** One row of a plan. */
export interface PlanItem {
  readonly target: string;
  readonly name: string;
  readonly action: PlanAction;
  /** Why (for conflict, skipped, delete, and drift): a short code-like phrase, never a value. */
  readonly reason?: string | undefined;
  /** The destination was edited out of band since our last write. */
  readonly drift?: boolean | undefined;
  /** Also rewrite our tags (value already right, or adopting). */
  readonly retag?: boolean | undefined;
  /** Restore a soft-deleted secret before writing. */
  readonly restore?: boolean | undefined;
  /** Record UID and field / folder it comes from. */
  readonly source?: string | undefined;
  readonly sourceHash?: string | undefined;
  /** Hash of the destination's current value, when it was read. */
  readonly destHash?: string | undefined;
  /** True when this row makes the run fail (source error, invalid name, conflict, budget). */
  readonly failed?: boolean | undefined;
}

/** A whole plan, as printed with --json and saved with --out. */
export interface SyncPlan {
  readonly version: 1;
  readonly job: string;
  readonly createdAt: string;
  readonly items: readonly PlanItem[];
  /** Run-level problems (entries that could not be read, budgets exceeded): no values. */
  readonly problems: readonly string[];
}

/**
 * Counts of each action in a plan.
 *
 * @example
 * summarize(plan); // { create: 2, update: 0, delete: 1, unchanged: 7, conflict: 0, skipped: 0, failed: 0 }
 */
export function summarize(items: readonly PlanItem[]): Record<PlanAction | 'failed', number> {
  const out = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, skipped: 0, failed: 0 };
  for (const item of items) {
    out[item.action]++;
    if (item.failed === true) out.failed++;
  }
  return out;
}
