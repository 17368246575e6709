// Workspace file paths of `file` secrets: relative, no `..`, no drive letter; normalised for duplicate checks.

/**
 * The problem with `path` as a workspace-relative secret file path, or `undefined` when it is fine.
 *
 * @example
 * filePathProblem('../x'); // 'The file path ../x is invalid: …'
 */
export function filePathProblem(path: string): string | undefined {
  const bad = (why: string): string => `The file path ${JSON.stringify(path)} is invalid: ${why}`;
  if (path.startsWith('/') || path.startsWith('\\')) return bad('it must be relative to the workspace');
  if (/^[A-Za-z]:/.test(path)) return bad('a drive letter is not allowed');
  if (path.includes('\0')) return bad('it contains a NUL character');
  const parts = path.split(/[\\/]+/);
  if (parts.includes('..')) return bad("'..' is not allowed");
  if (parts.every((part) => part === '' || part === '.')) return bad('it names no file');
  if (parts.at(-1) === '' || parts.at(-1) === '.') return bad('it names a directory, not a file');
  return undefined;
}

/**
 * The normalised form of a valid relative path: `/` separators, no `.` or empty segments.
 *
 * @example
 * normaliseFilePath('./certs//a.pem'); // 'certs/a.pem'
 */
export function normaliseFilePath(path: string): string {
  return path
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
