// Writes secret files into the workspace: parent dirs created 0700 and registered, files 0600, sync (signal-safe).
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { StepError } from '../errors.js';
import type { Cleanup } from './cleanup.js';

/** Creates the missing ancestors of `path` below `root`, each registered before it is made. */
function makeParents(root: string, path: string, cleanup: Cleanup): void {
  const missing: string[] = [];
  for (let dir = dirname(path); dir !== root && !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    cleanup.dir(dir);
    mkdirSync(dir, { mode: 0o700 });
  }
}

/**
 * Writes `bytes` to `relativePath` inside `workspace` (0600, parents 0700), registering everything with
 * `cleanup` first. Throws `ERR_FILE_WRITE` naming the path (never the content).
 *
 * @example
 * writeSecretFile('/ws', 'certs/server.pem', pem, cleanup);
 */
export function writeSecretFile(workspace: string, relativePath: string, bytes: Uint8Array, cleanup: Cleanup): string {
  const root = resolve(workspace);
  const path = join(root, relativePath);
  if (relative(root, path).startsWith('..')) {
    throw new StepError('ERR_FILE_WRITE', `Could not write secret to ${relativePath}: outside the workspace`);
  }
  try {
    makeParents(root, path, cleanup);
    cleanup.file(path);
    writeFileSync(path, bytes, { mode: 0o600 });
    chmodSync(path, 0o600);
  } catch (error) {
    throw new StepError(
      'ERR_FILE_WRITE',
      `Could not write secret to ${relativePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {},
      { cause: error },
    );
  }
  return path;
}
