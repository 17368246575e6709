// One server per data directory: an exclusive `serve.lock` file holding the PID of the server that owns it.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VaultError } from './errors.js';

/** A held data directory lock. */
export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file (only while it still names this process). */
  release(): void;
}

function lockOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's server lock (`serve.lock`, 0600, the PID inside). A lock left by a process that no
 * longer runs is taken over. Throws `ERR_DATA_DIR_LOCKED` naming the PID when another server holds it.
 *
 * @example
 * const lock = lockDataDir(dataDir);
 * try { await run(); } finally { lock.release(); }
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(resolve(dataDir), 'serve.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = lockOwner(path);
      if (pid !== undefined && isRunning(pid)) {
        throw new VaultError(
          'ERR_DATA_DIR_LOCKED',
          `Another ksmkit-vault serve (PID ${pid}) is running on ${resolve(dataDir)}; stop it first or pass another --data-dir (if PID ${pid} is not a vault, delete ${path})`,
          { pid, path },
        );
      }
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return {
      path,
      release() {
        if (lockOwner(path) === process.pid) rmSync(path, { force: true });
      },
    };
  }
  throw new VaultError('ERR_DATA_DIR_LOCKED', `Cannot take the lock ${path}; another server keeps starting`, { path });
}
