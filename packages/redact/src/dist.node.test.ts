// Checks the built package: the root entry and its chunks import nothing from Node; only `./node` uses node:stream.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const importsOf = (code: string): string[] =>
  [
    ...code.matchAll(
      /\b(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => (match[1] ?? match[2]) as string);

describe('built dist', () => {
  const files = readdirSync(dist).filter((file) => file.endsWith('.js'));

  it('has both entries with declarations', () => {
    expect(files).toEqual(expect.arrayContaining(['index.js', 'node.js']));
    expect(readdirSync(dist)).toEqual(expect.arrayContaining(['index.d.ts', 'node.d.ts']));
  });

  it('keeps every file but node.js free of Node built-ins, Buffer and process', () => {
    for (const file of files.filter((f) => f !== 'node.js')) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(
        importsOf(code).filter((spec) => builtins.has(spec) || !spec.startsWith('./')),
        file,
      ).toEqual([]);
      expect(code, file).not.toMatch(/\bBuffer\s*\.|\bprocess\s*\.|\brequire\s*\(/);
    }
  });

  it('lets node.js import only node:stream and its own chunks', () => {
    const imports = importsOf(readFileSync(join(dist, 'node.js'), 'utf8'));
    expect(imports.filter((spec) => !spec.startsWith('./'))).toEqual(['node:stream']);
  });
});
