// A run lock so overlapping cron runs never race: an exclusive lock file holding the owner's PID; a dead owner's lock is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { SyncError } from './errors.js';

/** A held lock. */
export interface RunLock {
  readonly path: string;
  release(): Promise<void>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function tryTake(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
  await rm(path, { force: true });
  return tryTake(path);
}

/**
 * Takes the lock at `path`, waiting up to `waitMs` (default 0: fail at once) for a running owner to finish.
 * Throws `ERR_LOCKED` when another live process keeps it.
 *
 * @example
 * const lock = await acquireRunLock('/var/lock/ksm-sync-prod.lock', { waitMs: 60_000 });
 * try { … } finally { await lock.release(); }
 */
export async function acquireRunLock(path: string, options: { readonly waitMs?: number } = {}): Promise<RunLock> {
  const until = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (await tryTake(path)) return { path, release: () => rm(path, { force: true }) };
    if (Date.now() >= until)
      throw new SyncError(
        'ERR_LOCKED',
        `another ksm-sync run holds the lock ${path}; try again later or pass --lock-wait`,
        { path },
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
