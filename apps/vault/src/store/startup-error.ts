// Startup failures the operator can fix (permissions, read-only or full disk) as user errors with a hint.
import { VaultError } from './errors.js';

const HINTS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied; run as the user that owns the data directory or fix its owner and mode',
  EPERM: 'operation not permitted; run as the user that owns the data directory or fix its owner and mode',
  EROFS: 'the file system is read-only; pass a writable --data-dir',
  ENOSPC: 'the disk is full; free some space',
  SQLITE_READONLY: 'the database is read-only; fix the owner and mode of vault.db or pass a writable --data-dir',
  SQLITE_CANTOPEN: 'the database cannot be opened; check that the data directory exists and is writable',
  SQLITE_FULL: 'the disk is full; free some space',
  SQLITE_IOERR: 'the disk reported an I/O error; check the file system',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return Object.keys(HINTS).find((known) => code === known || code.startsWith(`${known}_`));
}

/**
 * Turns a file-system or SQLite failure while opening a data directory into `ERR_DATA_DIR_ACCESS` (a user error
 * naming the path and what to do); any other error is returned unchanged.
 *
 * @example
 * try { openDatabase(path) } catch (error) { throw asStartupError(error, dataDir) }
 */
export function asStartupError(error: unknown, dataDir: string): unknown {
  const code = codeOf(error);
  if (code === undefined) return error;
  const path = (error as { path?: unknown }).path;
  const where = typeof path === 'string' ? path : dataDir;
  return new VaultError(
    'ERR_DATA_DIR_ACCESS',
    `Cannot use ${where} (${code}): ${HINTS[code]}`,
    { path: where, cause: code },
    { cause: error },
  );
}
