// Checks the built package stays runtime-neutral: no Node built-in imports or Node-only globals in dist.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function importsOf(code: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /\b(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of code.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  return specifiers;
}

describe('built dist', () => {
  const files = (readdirSync(dist, { recursive: true }) as string[]).filter((file) => file.endsWith('.js'));

  it('has an ESM entry with declarations', () => {
    expect(files).toContain('index.js');
    expect(readdirSync(dist)).toContain('index.d.ts');
    // the single-bundle build that Node resolves through the `node` export condition
    expect(files).toContain(join('node', 'index.js'));
  });

  it('imports no Node built-in module and nothing outside the package', () => {
    for (const file of files) {
      const code = readFileSync(join(dist, file), 'utf8');
      const imports = importsOf(code);
      expect(
        imports.filter((spec) => builtins.has(spec) || spec.startsWith('node:')),
        file,
      ).toEqual([]);
      expect(
        imports.filter((spec) => !spec.startsWith('./') && !spec.startsWith('../')),
        file,
      ).toEqual([]);
    }
  });

  it('uses no Node-only globals', () => {
    for (const file of files) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code, file).not.toMatch(/\bBuffer\s*\.|\bprocess\s*\.|\b__dirname\b|\brequire\s*\(/);
    }
  });

  it('detects a Node import when one is present (the scanner itself works)', () => {
    expect(importsOf(`import { x } from 'node:fs'; export * from "./a.js"; const m = await import('crypto');`)).toEqual(
      ['node:fs', './a.js', 'crypto'],
    );
  });
});
