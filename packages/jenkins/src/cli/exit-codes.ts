// Exit codes of `ksm-step` for its own failures (the child's own exit code passes through unchanged).
import type { StepErrorCode } from '../errors.js';

/** Exit codes by error code; anything coded but unlisted exits 1. */
export const STEP_EXIT: Readonly<Partial<Record<StepErrorCode | string, number>>> = {
  ERR_SPEC_SYNTAX: 3,
  ERR_SPEC_INVALID: 3,
  ERR_SPEC_READ: 3,
  ERR_CREDENTIAL_NOT_FOUND: 4,
  ERR_CREDENTIAL_INVALID: 4,
  ERR_CREDENTIAL_EXISTS: 4,
  ERR_INVALID_TOKEN: 4,
  ERR_TOKEN_REJECTED: 4,
  ERR_ACCESS_DENIED: 4,
  ERR_DEVICE_EXPIRED: 4,
  ERR_DEVICE_REMOVED: 4,
  ERR_IP_LOCKED: 4,
  ERR_SIGNATURE_INVALID: 4,
  ERR_TOKEN_EXPIRED: 4,
  ERR_TOKEN_USED: 4,
  ERR_APP_KEY_INVALID: 4,
  ERR_INVALID_CONFIG: 4,
  ERR_NO_CONFIG: 4,
  ERR_RECORD_COUNT: 5,
  ERR_RESOLVE: 5,
  ERR_FILE_WRITE: 6,
  ERR_SESSION: 6,
  ERR_COMMAND_NOT_FOUND: 127,
};

/**
 * The exit code for a coded error.
 *
 * @example
 * exitCodeFor('ERR_SPEC_INVALID'); // 3
 */
export function exitCodeFor(code: string): number | undefined {
  return STEP_EXIT[code];
}
