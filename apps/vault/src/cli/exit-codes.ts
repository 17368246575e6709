// Exit codes of `ksmkit-vault`: one per kind of user error, 70 for bugs.
import type { VaultErrorCode } from '../store/errors.js';

/** Bad flags or arguments (usage). */
export const EXIT_USAGE = 2;
/** An unexpected failure: a bug (EX_SOFTWARE). */
export const EXIT_BUG = 70;

const CODES: Readonly<Record<string, number>> = {
  ERR_INVALID_ARGUMENT: EXIT_USAGE,
  ERR_NOT_INITIALIZED: 3,
  ERR_NOT_FOUND: 4,
  ERR_AMBIGUOUS: 4,
  ERR_CONFLICT: 5,
  ERR_ALREADY_INITIALIZED: 5,
  ERR_INVALID_SEED: 6,
  ERR_SERVER_START: 7,
  ERR_INVALID_FILE: 8,
  ERR_SCHEMA_TOO_NEW: 8,
  ERR_DATA_DIR_LOCKED: 9,
  ERR_DATA_DIR_ACCESS: 10,
  ERR_KEY_FILE_MODE: 11,
};

/**
 * The process exit code for a user error code (1 for codes without a specific one).
 *
 * @example
 * exitCodeFor('ERR_NOT_INITIALIZED'); // 3
 */
export function exitCodeFor(code: VaultErrorCode): number {
  return CODES[code] ?? 1;
}
