import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** Every package a module imports, following relative imports through the source tree. */
async function reachablePackages(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(`${srcDir}${file}`, 'utf8');
    for (const [, spec] of text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
      if (spec?.startsWith('./')) queue.push(spec.slice(2).replace(/\.js$/, '.ts'));
      else if (spec !== undefined) packages.add(spec);
    }
  }
  return packages;
}

describe('entry points', () => {
  it('the root entry never loads the AWS SDK or D-Bus (they have their own subpaths)', async () => {
    const root = await reachablePackages('index.ts');
    expect([...root].filter((name) => name.startsWith('@aws-sdk/') || name === 'dbus-next')).toEqual([]);
    expect(await reachablePackages('aws.ts')).toContain('@aws-sdk/client-secrets-manager');
    expect(await reachablePackages('keyring.ts')).toContain('dbus-next');
  });
});
