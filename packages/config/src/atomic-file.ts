// Crash-safe file writes: a private temp file in the same directory, fsync, rename over the target, fsync the directory.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from './errors.js';

/** Mode of every config file ksmkit creates (owner read/write only). */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of every directory ksmkit creates for config files (owner only). */
export const PRIVATE_DIR_MODE = 0o700;

function ioError(action: string, path: string, cause: unknown): ConfigError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  return new ConfigError(
    'ERR_FILE_IO',
    `Could not ${action} ${path} (${code})`,
    { path, action, errno: code },
    { cause },
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `dir` and any missing parents with mode 0700 (existing directories are left as they are).
 *
 * @example
 * await ensurePrivateDir(join(homedir(), '.config', 'ksm'));
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  while (!(await exists(current))) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) {
    try {
      await mkdir(path, { mode: PRIVATE_DIR_MODE });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError('create directory', path, cause);
      continue;
    }
    await chmod(path, PRIVATE_DIR_MODE);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files a crashed writer of `path` left behind (they may hold key material). */
async function removeStaleTemps(dir: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      await unlink(join(dir, entry)).catch(() => undefined);
  }
}

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old or the new file, never a mix:
 * writes a 0600 temp file next to it, fsyncs it, renames it over `path` and fsyncs the directory. Missing parent
 * directories are created 0700. The result always has mode 0600. Temp files left by writers that crashed (their
 * process is gone) are removed afterwards. A symlink is followed: its target is replaced, the link stays. Throws
 * `ERR_FILE_IO` (path and errno only).
 *
 * @example
 * await writeFileAtomic('/home/me/keeper.ini', iniText);
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const path = await followLinks(target);
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (cause) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw ioError('write', path, cause);
  }
  await syncDir(dir);
  await removeStaleTemps(dir, basename(path));
}

/** The file a path names after following symlinks; the path itself when it does not exist yet. */
async function followLinks(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return path;
    throw ioError('resolve', path, cause);
  }
}

async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (cause) {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename itself already happened.
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw ioError('sync directory', dir, cause);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
