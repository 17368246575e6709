// SyncError: the one error class of @ksmkit/sync, with a stable string code and never a secret in its message.

/** Every code a SyncError carries. */
export type SyncErrorCode =
  | 'ERR_MAP_INVALID'
  | 'ERR_MAP_READ'
  | 'ERR_NAME_INVALID'
  | 'ERR_SOURCE_UNAVAILABLE'
  | 'ERR_LOCKED'
  | 'ERR_PLAN_STALE'
  | 'ERR_PLAN_FILE'
  | 'ERR_PROVIDER'
  | 'ERR_COMPAT_ARGS';

/** Non-secret details: where in the map file, which target or name. */
export interface SyncErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
  readonly target?: string;
  readonly name?: string;
}

/**
 * A sync failure with a stable `code` and structured, value-free details.
 *
 * @example
 * throw new SyncError('ERR_LOCKED', 'another ksm-sync run holds the lock', { path: lockPath });
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: SyncErrorCode;
  readonly details: SyncErrorDetails;
  constructor(code: SyncErrorCode, message: string, details: SyncErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/**
 * True for a SyncError (optionally with `code`), also across bundle copies.
 *
 * @example
 * if (isSyncError(error, 'ERR_LOCKED')) process.exitCode = 4;
 */
export function isSyncError(error: unknown, code?: SyncErrorCode): error is SyncError {
  const ok = error instanceof Error && error.name === 'SyncError' && typeof (error as SyncError).code === 'string';
  return ok && (code === undefined || (error as SyncError).code === code);
}
