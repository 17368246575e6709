// Reads the workspace from disk: each package's manifest, its source files and the module specifiers they import.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One source file and what it imports (specifiers as written). */
export interface SourceFile {
  /** Path inside the package, with `/` separators. */
  readonly path: string;
  readonly imports: readonly string[];
  /** The source with comments removed (for checks on identifiers such as `Buffer`). */
  readonly code: string;
}

/** One workspace package. */
export interface WorkspacePackage {
  readonly name: string;
  /** Directory relative to the workspace root, with `/` separators. */
  readonly directory: string;
  readonly private: boolean;
  /** Dependency name → the manifest fields that list it (`dependencies`, `devDependencies`, …). */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  readonly files: readonly SourceFile[];
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const SKIP = new Set(['node_modules', 'dist', '.turbo', '.wrangler', 'coverage']);
const SOURCE = /\.(?:[cm]?[jt]s)$/;

/** Removes block and line comments (a `//` after `:` or a quote is kept, so URLs survive). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * The module specifiers a file imports: static and type imports, re-exports, `import()`, `require()` and
 * `require.resolve()` / `import.meta.resolve()` with a literal.
 *
 * @example
 * importsOf("import { x } from '@ksmkit/core';") // ['@ksmkit/core']
 */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
    /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\.resolve\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function sourceFiles(dir: string, base: string, ignore: ReadonlySet<string>, prefix: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const inPackage = relative(base, path).split('\\').join('/');
    if (entry.isDirectory()) files.push(...sourceFiles(path, base, ignore, prefix));
    else if (SOURCE.test(entry.name) && !ignore.has(`${prefix}/${inPackage}`)) {
      const code = stripComments(readFileSync(path, 'utf8'));
      files.push({ path: inPackage, imports: importsOf(code), code });
    }
  }
  return files;
}

/**
 * Every package under `packages/*`, `apps/*` and `tooling/*` of `root` that has a package.json; `ignore` lists
 * files (workspace-relative) not to read.
 *
 * @example
 * const packages = readWorkspace('/repo');
 */
export function readWorkspace(root: string, ignore: readonly string[] = []): WorkspacePackage[] {
  const skip = new Set(ignore);
  const packages: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps', 'tooling']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      const manifestPath = join(dir, 'package.json');
      if (!statSync(dir).isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      const dependencies = new Map<string, string[]>();
      for (const field of DEPENDENCY_FIELDS) {
        for (const dep of Object.keys((manifest[field] as Record<string, string> | undefined) ?? {})) {
          dependencies.set(dep, [...(dependencies.get(dep) ?? []), field]);
        }
      }
      packages.push({
        name: String(manifest.name),
        directory: `${group}/${name}`,
        private: manifest.private === true,
        dependencies,
        files: sourceFiles(dir, dir, skip, `${group}/${name}`),
      });
    }
  }
  return packages;
}
