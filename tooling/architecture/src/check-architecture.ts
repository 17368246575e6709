// The layering rules of ARCHITECTURE.md, checked over a workspace: one message per violation, empty when clean.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { LayerRule } from './layer-table.js';
import type { SourceFile, WorkspacePackage } from './workspace.js';

/** Packages whose shipped code must run unchanged in workerd and browsers: no Node modules, no Buffer. */
const RUNTIME_NEUTRAL = new Set(['@ksmkit/core', '@ksmkit/redact']);
/** A runtime-neutral package's Node adapter lives in `src/node.ts` (its `./node` subpath) and may use Node. */
const NODE_ADAPTER = /(^|\/)src\/node\.ts$/;
const NODE_BUILTINS = new Set(builtinModules);
const TEST_ONLY = /(?:\.test|\.test-support)\.[cm]?[jt]s$|(?:^|\/)test-support\//;

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/**
 * Shipped code: a library's `src/**` minus tests and test support. Tooling packages, config files and
 * benchmarks ship nothing.
 */
function isShipped(pkg: WorkspacePackage, file: SourceFile): boolean {
  return !pkg.directory.startsWith('tooling/') && file.path.startsWith('src/') && !TEST_ONLY.test(file.path);
}

/** An entry without a subpath allows the whole package; `name/subpath` allows exactly that subpath. */
function allows(list: readonly string[], specifier: string): boolean {
  const name = packageOf(specifier);
  return list.some((entry) => entry === name || entry === specifier);
}

function checkManifest(pkg: WorkspacePackage, rule: LayerRule, names: ReadonlySet<string>, out: string[]): void {
  const shippedPackages = new Set(rule.imports.map(packageOf));
  const allowed = new Set([...shippedPackages, ...rule.testImports.map(packageOf)]);
  for (const [dep, fields] of pkg.dependencies) {
    if (!names.has(dep) && !dep.startsWith('@ksmkit/')) continue;
    if (!allowed.has(dep)) out.push(`${pkg.name}: package.json lists ${dep}, which ARCHITECTURE.md does not allow`);
    else if (fields.includes('dependencies') && !shippedPackages.has(dep)) {
      out.push(`${pkg.name}: ${dep} is for tests only; list it under devDependencies, not dependencies`);
    }
  }
}

function checkFile(pkg: WorkspacePackage, rule: LayerRule, file: SourceFile, out: string[]): void {
  const where = `${pkg.directory}/${file.path}`;
  const shipped = isShipped(pkg, file);
  for (const specifier of file.imports) {
    if (specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      if (target.startsWith('../') || target === '..') {
        out.push(`${where}: relative import '${specifier}' leaves ${pkg.directory}; import the package by name`);
      } else if (shipped && TEST_ONLY.test(target.replace(/\.js$/, '.ts'))) {
        out.push(`${where}: shipped code imports the test-only module '${specifier}'`);
      }
      continue;
    }
    if (shipped && (specifier === 'vitest' || specifier.startsWith('vitest/'))) {
      out.push(`${where}: shipped code imports ${specifier}`);
    }
    const neutral = RUNTIME_NEUTRAL.has(pkg.name) && !NODE_ADAPTER.test(file.path);
    if (shipped && neutral && (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier))) {
      out.push(`${where}: ${pkg.name} is runtime-neutral and may not import ${specifier}`);
    }
    if (!specifier.startsWith('@ksmkit/') || packageOf(specifier) === pkg.name) continue;
    const list = shipped ? rule.imports : [...rule.imports, ...rule.testImports];
    if (!allows(list, specifier)) {
      const what = shipped ? 'shipped code' : 'test code';
      out.push(`${where}: ${what} of ${pkg.name} may not import ${specifier} (see ARCHITECTURE.md)`);
    }
  }
  if (shipped && RUNTIME_NEUTRAL.has(pkg.name) && /\bBuffer\b/.test(file.code)) {
    out.push(`${where}: ${pkg.name} is runtime-neutral and may not use Buffer (use Uint8Array)`);
  }
}

function checkCycles(packages: readonly WorkspacePackage[], out: string[]): void {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      out.push(`package graph cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
      return;
    }
    state.set(name, 'open');
    for (const dep of byName.get(name)?.dependencies.keys() ?? []) if (byName.has(dep)) visit(dep, [...path, name]);
    state.set(name, 'done');
  };
  for (const pkg of packages) visit(pkg.name, []);
}

/**
 * Every violation of the rules in `rules` (the ARCHITECTURE.md table) by `packages`.
 *
 * @example
 * expect(checkArchitecture(readWorkspace(root), parseLayerTable(markdown))).toEqual([]);
 */
export function checkArchitecture(
  packages: readonly WorkspacePackage[],
  rules: ReadonlyMap<string, LayerRule>,
): string[] {
  const out: string[] = [];
  const names = new Set(packages.map((pkg) => pkg.name));
  for (const pkg of packages) {
    const rule = rules.get(pkg.name);
    if (rule === undefined) {
      out.push(`${pkg.name} (${pkg.directory}) has no row in the ARCHITECTURE.md table`);
      continue;
    }
    if (rule.directory !== pkg.directory) out.push(`${pkg.name} lives in ${pkg.directory}, not ${rule.directory}`);
    if (!rule.present) out.push(`${pkg.name} exists; mark it "present" in ARCHITECTURE.md`);
    checkManifest(pkg, rule, names, out);
    for (const file of pkg.files) checkFile(pkg, rule, file, out);
  }
  for (const rule of rules.values()) {
    if (rule.present && !names.has(rule.name)) out.push(`${rule.name} is marked present but is not in the workspace`);
  }
  checkCycles(packages, out);
  return out;
}
