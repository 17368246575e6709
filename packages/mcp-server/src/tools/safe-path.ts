// Paths the file tools may touch: normalised, symlinks resolved, and inside one of the operator's directories.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { McpServerError } from '../errors.js';

const inside = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Resolves `path` (relative paths against the first allowed directory) and checks that it, with symlinks resolved,
 * stays inside an allowed directory. For a file to be written, the parent must exist and be inside.
 *
 * @example
 * await safePath('reports/a.txt', ['/srv/agent-files'], 'read') // '/srv/agent-files/reports/a.txt'
 */
export async function safePath(path: string, dirs: readonly string[], mode: 'read' | 'write'): Promise<string> {
  const first = dirs[0];
  if (first === undefined) throw new McpServerError('ERR_NOT_ALLOWED', 'No directory is allowed (--files-dir).');
  if (path.includes('\0')) throw new McpServerError('ERR_INVALID_INPUT', 'Invalid path.');
  const wanted = resolve(first, path);
  const outside = () => new McpServerError('ERR_NOT_ALLOWED', 'The path is outside the allowed directories.');
  if (!dirs.some((d) => inside(resolve(d), wanted))) throw outside();
  const roots = await Promise.all(dirs.map((d) => realpath(d).catch(() => resolve(d))));
  let real: string;
  try {
    real = mode === 'read' ? await realpath(wanted) : join(await realpath(dirname(wanted)), basename(wanted));
  } catch {
    throw new McpServerError('ERR_NOT_FOUND', mode === 'read' ? 'No such file.' : 'The directory does not exist.');
  }
  if (!roots.some((root) => inside(root, real))) throw outside();
  return real;
}
