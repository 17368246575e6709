// Test support: find the @ksmkit/vault package by name in the workspace, and (re)build it when stale.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

let resolvedAppDir: string | undefined;

/** The nearest directory at or above `start` that holds pnpm-workspace.yaml. */
function workspaceRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml at or above ${start}`);
  }
}

/** The package directories the workspace's `packages:` globs (`dir/*` or `dir`) name. */
function workspacePackageDirs(root: string): string[] {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\s*\n((?:\s+-\s+.*\n?)+)/m.exec(text)?.[1] ?? '';
  const dirs: string[] = [];
  for (const match of block.matchAll(/-\s+['"]?([^'"\n]+?)['"]?\s*$/gm)) {
    const pattern = match[1] as string;
    if (!pattern.endsWith('/*')) {
      dirs.push(join(root, pattern));
      continue;
    }
    const parent = join(root, pattern.slice(0, -2));
    if (existsSync(parent)) for (const name of readdirSync(parent)) dirs.push(join(parent, name));
  }
  return dirs;
}

/**
 * The directory of the `@ksmkit/vault` package, found BY NAME among the packages of the workspace that holds the
 * current directory (where vitest and turbo run). No package lists the vault to use it in tests: turbo's `test`
 * task depends on `@ksmkit/vault#build` for every package, which also keeps the package graph free of cycles.
 *
 * @example
 * const dir = vaultPackageDir();
 */
export function vaultPackageDir(): string {
  if (resolvedAppDir !== undefined) return resolvedAppDir;
  for (const dir of workspacePackageDirs(workspaceRoot(process.cwd()))) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@ksmkit/vault') {
      resolvedAppDir = dir;
      return dir;
    }
  }
  throw new Error(`no workspace package is named @ksmkit/vault (looked from ${process.cwd()})`);
}

function distDir(): string {
  return join(vaultPackageDir(), 'dist', 'cli');
}

/**
 * Absolute path of the built ksmkit-vault CLI (`dist/cli/main.js` of the `@ksmkit/vault` package).
 *
 * @example
 * spawn(process.execPath, [vaultCliPath(), '--help']);
 */
export function vaultCliPath(): string {
  for (const name of ['main.js', 'main.mjs']) {
    const path = join(distDir(), name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `ksmkit-vault is not built (no ${join(distDir(), 'main.js')}); run \`pnpm --filter @ksmkit/vault build\``,
  );
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  const built = ['main.js', 'main.mjs'].map((name) => join(distDir(), name)).find((path) => existsSync(path));
  return built === undefined || statSync(built).mtimeMs < newestSource(join(vaultPackageDir(), 'src'));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds apps/vault (tsdown) when its dist is missing or older than any non-test source file. Safe across
 * parallel test workers: one builds (under a lock directory) into a fresh directory that is swapped in, the
 * others wait and re-check.
 *
 * @example
 * ensureVaultBuilt();
 */
export function ensureVaultBuilt(): void {
  const appDir = vaultPackageDir();
  const lock = join(appDir, '.dist-lock');
  while (isStale()) {
    try {
      mkdirSync(lock);
    } catch {
      // Another worker builds; a lock older than 10 minutes belongs to a crashed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmdirSync(lock);
      } catch {}
      sleepSync(200);
      continue;
    }
    try {
      if (!isStale()) return;
      const suffix = randomBytes(4).toString('hex');
      const fresh = join(appDir, `.dist-build-${suffix}`);
      const old = join(appDir, `.dist-old-${suffix}`);
      try {
        execFileSync(
          process.execPath,
          [join(appDir, 'node_modules', 'tsdown', 'dist', 'run.mjs'), '--out-dir', fresh],
          {
            cwd: appDir,
            stdio: 'ignore',
          },
        );
      } catch (error) {
        rmSync(fresh, { recursive: true, force: true });
        throw new Error('building apps/vault with tsdown failed; run `cd apps/vault && npx tsdown` to see why', {
          cause: error,
        });
      }
      const dist = join(appDir, 'dist');
      if (existsSync(dist)) renameSync(dist, old);
      renameSync(fresh, dist);
      rmSync(old, { recursive: true, force: true });
      return;
    } finally {
      rmdirSync(lock);
    }
  }
}
