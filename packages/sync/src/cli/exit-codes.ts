// Exit codes of `ksm-sync`: one per kind of outcome, so cron wrappers and CI can tell them apart.

/** The exit-code table. */
export const SYNC_EXIT = {
  OK: 0,
  BUG: 1,
  USAGE: 2,
  /** The run finished but something failed: a source error, a conflict, drift under `fail`, a write, the budget. */
  FAILED: 3,
  LOCKED: 4,
  PLAN_STALE: 5,
  /** Keeper or a destination could not be reached or configured: nothing was changed. */
  UNAVAILABLE: 6,
} as const;

const CODED: Readonly<Record<string, number>> = {
  ERR_MAP_INVALID: SYNC_EXIT.USAGE,
  ERR_MAP_READ: SYNC_EXIT.USAGE,
  ERR_NAME_INVALID: SYNC_EXIT.USAGE,
  ERR_COMPAT_ARGS: SYNC_EXIT.USAGE,
  ERR_LOCKED: SYNC_EXIT.LOCKED,
  ERR_PLAN_STALE: SYNC_EXIT.PLAN_STALE,
  ERR_PLAN_FILE: SYNC_EXIT.USAGE,
  ERR_SOURCE_UNAVAILABLE: SYNC_EXIT.UNAVAILABLE,
  ERR_PROVIDER: SYNC_EXIT.UNAVAILABLE,
};

/**
 * The exit code of a coded error (ours, or config/core errors while creating the client).
 *
 * @example
 * syncExitCodeFor('ERR_LOCKED'); // 4
 */
export function syncExitCodeFor(code: string): number {
  return CODED[code] ?? SYNC_EXIT.UNAVAILABLE;
}
