// The workspace keeps the layering of ARCHITECTURE.md; and the checker does catch each kind of violation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture } from './check-architecture.js';
import { parseLayerTable } from './layer-table.js';
import { importsOf, readWorkspace, type WorkspacePackage } from './workspace.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rules = parseLayerTable(readFileSync(`${root}ARCHITECTURE.md`, 'utf8'));

describe('the workspace', () => {
  it('follows every rule of ARCHITECTURE.md', () => {
    // This file's own fixtures below are bad imports on purpose.
    const packages = readWorkspace(root, ['tooling/architecture/src/architecture.test.ts']);
    expect(checkArchitecture(packages, rules)).toEqual([]);
  });

  it('has no per-package task entries in turbo.json (one general rule per task)', () => {
    const turbo = JSON.parse(readFileSync(`${root}turbo.json`, 'utf8')) as { tasks: Record<string, unknown> };
    expect(Object.keys(turbo.tasks).filter((task) => task.includes('#'))).toEqual([]);
  });

  it('has a row for each package to come, with what it may import', () => {
    expect(rules.get('@ksmkit/edge-proxy')?.imports).toEqual([
      '@ksmkit/core',
      '@ksmkit/redact',
      '@ksmkit/runner',
      '@ksmkit/config',
    ]);
    for (const name of ['@ksmkit/redact', '@ksmkit/mcp-server', '@ksmkit/jenkins', '@ksmkit/sync']) {
      expect(rules.has(name), name).toBe(true);
    }
  });
});

/** A clean two-package workspace (core and cli) that each case below breaks in one way. */
function workspace(change: (packages: { core: Mutable; cli: Mutable }) => void): WorkspacePackage[] {
  const core: Mutable = {
    name: '@ksmkit/core',
    directory: 'packages/core',
    private: false,
    dependencies: new Map([['@ksmkit/test-support', ['devDependencies']]]),
    files: [
      file('src/index.ts', "export { x } from './x.js';"),
      file('src/x.test.ts', "import { startTestVault } from '@ksmkit/test-support';"),
    ],
  };
  const cli: Mutable = {
    name: '@ksmkit/cli',
    directory: 'packages/cli',
    private: false,
    dependencies: new Map([['@ksmkit/core', ['dependencies']]]),
    files: [file('src/main.ts', "import { createClient } from '@ksmkit/core';")],
  };
  change({ core, cli });
  const testSupport = { ...core, name: '@ksmkit/test-support', directory: 'tooling/test-support', private: true };
  return [core, cli, { ...testSupport, dependencies: new Map(), files: [] }];
}

type Mutable = { -readonly [K in keyof WorkspacePackage]: WorkspacePackage[K] } & {
  files: WorkspacePackage['files'][number][];
  dependencies: Map<string, string[]>;
};

/** The violations of a small workspace (rows it leaves out are not reported as missing). */
function violations(packages: readonly WorkspacePackage[]): string[] {
  return checkArchitecture(packages, rules).filter((v) => !v.includes('is marked present'));
}

function file(path: string, code: string) {
  return { path, code, imports: importsOf(code) };
}

describe('checkArchitecture', () => {
  it('passes the clean workspace', () => {
    expect(violations(workspace(() => {}))).toEqual([]);
  });

  it.each<[string, (w: { core: Mutable; cli: Mutable }) => void, string]>([
    [
      'core importing a package above it',
      ({ core }) => core.files.push(file('src/y.ts', "import { loadProfile } from '@ksmkit/config';")),
      'shipped code of @ksmkit/core may not import @ksmkit/config',
    ],
    [
      'core listing a package above it',
      ({ core }) => core.dependencies.set('@ksmkit/config', ['devDependencies']),
      '@ksmkit/core: package.json lists @ksmkit/config',
    ],
    [
      'a relative import into another package',
      ({ core }) =>
        core.files.push(file('src/z.test.ts', "import { nodeCipher } from '../../config/src/node-cipher.js';")),
      "relative import '../../config/src/node-cipher.js' leaves packages/core",
    ],
    [
      'shipped code importing a tooling package',
      ({ cli }) => cli.files.push(file('src/vault.ts', "import { startTestVault } from '@ksmkit/test-support';")),
      'shipped code of @ksmkit/cli may not import @ksmkit/test-support',
    ],
    [
      'shipped code importing a test-support module',
      ({ cli }) => cli.files.push(file('src/run.ts', "import { seed } from './seed.test-support.js';")),
      "shipped code imports the test-only module './seed.test-support.js'",
    ],
    [
      'shipped code importing a test-support folder',
      ({ cli }) => cli.files.push(file('src/run.ts', "import { seed } from './test-support/seed.js';")),
      "shipped code imports the test-only module './test-support/seed.js'",
    ],
    [
      'core source importing a node: module',
      ({ core }) => core.files.push(file('src/fs.ts', "import { readFile } from 'node:fs/promises';")),
      '@ksmkit/core is runtime-neutral and may not import node:fs/promises',
    ],
    [
      'core source using Buffer',
      ({ core }) => core.files.push(file('src/b.ts', "export const b = Buffer.from('x');")),
      '@ksmkit/core is runtime-neutral and may not use Buffer',
    ],
    [
      'a tooling package in dependencies',
      ({ cli }) => cli.dependencies.set('@ksmkit/test-support', ['dependencies']),
      '@ksmkit/cli: @ksmkit/test-support is for tests only',
    ],
    [
      'a cycle in the package graph',
      ({ core }) => core.dependencies.set('@ksmkit/cli', ['devDependencies']),
      'package graph cycle: @ksmkit/core -> @ksmkit/cli -> @ksmkit/core',
    ],
    [
      'a package without a row',
      ({ cli }) => {
        cli.name = '@ksmkit/unknown';
      },
      '@ksmkit/unknown (packages/cli) has no row',
    ],
  ])('reports %s', (_, change, expected) => {
    const found = violations(workspace(change));
    expect(
      found.some((v) => v.includes(expected)),
      found.join('\n'),
    ).toBe(true);
  });

  it('allows a subpath entry only for that subpath', () => {
    const rules = parseLayerTable(
      '<!-- architecture:packages:begin -->\n| package | directory | status | may import | tests may also use |\n|---|---|---|---|---|\n' +
        '| `@ksmkit/app` | `apps/app` | present | `@ksmkit/config/aws` | — |\n' +
        '| `@ksmkit/config` | `packages/config` | present | — | — |\n<!-- architecture:packages:end -->',
    );
    const app = (code: string): WorkspacePackage => ({
      name: '@ksmkit/app',
      directory: 'apps/app',
      private: false,
      dependencies: new Map([['@ksmkit/config', ['dependencies']]]),
      files: [file('src/main.ts', code)],
    });
    const config: WorkspacePackage = {
      name: '@ksmkit/config',
      directory: 'packages/config',
      private: false,
      dependencies: new Map(),
      files: [],
    };
    const only = (code: string) => checkArchitecture([app(code), config], rules);
    expect(only("import { openAwsProfile } from '@ksmkit/config/aws';")).toEqual([]);
    expect(only("import { createNodeClient } from '@ksmkit/config';")).toHaveLength(1);
  });
});

describe('importsOf', () => {
  it('finds static, type, side-effect, re-export, dynamic and require imports, and skips comments', () => {
    const code = `import a from 'a';
import type { B } from "b";
import {
  c,
  type D,
} from 'c';
import 'd';
export * from 'e';
export { f } from 'f';
const g = await import('g');
const h = require('h');
const i = createRequire(import.meta.url).resolve('i');
// import { no } from 'commented';
/* import { no2 } from 'block'; */
const url = 'https://example.com'; import { j } from 'j';`;
    const stripped = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    expect(importsOf(stripped).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  });
});
