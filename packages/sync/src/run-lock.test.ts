// The run lock: a second run is refused while the first holds it, waits when asked, and a dead owner's lock is taken over.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncError } from './errors.js';
import { acquireRunLock } from './run-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksm-sync-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('acquireRunLock', () => {
  it('refuses a second holder, then lets a waiting one in after release', async () => {
    const path = join(dir, 'job.lock');
    const first = await acquireRunLock(path);
    expect((await readFile(path, 'utf8')).trim()).toBe(String(process.pid));
    await expect(acquireRunLock(path)).rejects.toSatisfy((error) => isSyncError(error, 'ERR_LOCKED'));
    const waiting = acquireRunLock(path, { waitMs: 5000 });
    setTimeout(() => void first.release(), 300);
    const second = await waiting;
    await second.release();
  });

  it('takes over the lock of a process that is gone', async () => {
    const path = join(dir, 'job.lock');
    await writeFile(path, '999999999\n');
    const lock = await acquireRunLock(path);
    expect((await readFile(path, 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });
});
