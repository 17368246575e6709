import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrivateDir, writeFileAtomic } from './atomic-file.js';
import { isConfigError } from './errors.js';
import { tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('writeFileAtomic', () => {
  it('creates files 0600 and missing directories 0700, even under a permissive umask', async () => {
    const previous = process.umask(0);
    try {
      const path = join(dir, 'a', 'b', 'keeper.ini');
      await writeFileAtomic(path, 'x');
      expect(await mode(path)).toBe(0o600);
      expect(await mode(join(dir, 'a'))).toBe(0o700);
      expect(await mode(join(dir, 'a', 'b'))).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it('replaces an existing wider-mode file with a 0600 one and leaves no temp files', async () => {
    const path = join(dir, 'wide.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await mode(path)).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves existing directories alone', async () => {
    const shared = join(dir, 'shared');
    await mkdir(shared, { mode: 0o755 });
    await chmod(shared, 0o755);
    await ensurePrivateDir(join(shared, 'ksm'));
    expect(await mode(shared)).toBe(0o755);
    expect(await mode(join(shared, 'ksm'))).toBe(0o700);
  });

  // These failures do not depend on permissions, so they hold for root (as CI runs) as for anyone else.
  it('fails with ERR_FILE_IO naming the path, and leaves no temp file, when the target is a directory', async () => {
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'inside'), '');
    const error = await writeFileAtomic(target, 'SECRET').catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_FILE_IO')).toBe(true);
    expect(isConfigError(error) && error.details).toMatchObject({ path: target });
    expect((error as Error).message).not.toContain('SECRET');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with ERR_FILE_IO when a parent directory is a file', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const error = await writeFileAtomic(join(file, 'sub', 'x.json'), 'SECRET').catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_FILE_IO')).toBe(true);
    expect((error as Error).message).not.toContain('SECRET');
  });
});

/** Compiles atomic-file.ts (and its imports) to plain ESM so a bare `node` child can run the real code. */
async function compileForChild(outDir: string): Promise<string> {
  const srcDir = fileURLToPath(new URL('.', import.meta.url));
  for (const name of ['atomic-file', 'errors']) {
    const source = await readFile(join(srcDir, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await writeFile(join(outDir, `${name}.js`), outputText);
  }
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}');
  const child = join(outDir, 'writer.js');
  // Writes versions 1, 2, 3, … of a ~2 MB config forever, announcing each version before writing it.
  await writeFile(
    child,
    `import { writeFileAtomic } from './atomic-file.js';
import { writeSync } from 'node:fs';
const [target, start] = process.argv.slice(2);
const body = (v) => JSON.stringify({ version: v, hostname: 'keepersecurity.com', pad: String(v % 10).repeat(2_000_000) }, null, 2);
for (let v = Number(start); ; v++) {
  writeSync(1, v + '\\n');
  await writeFileAtomic(target, body(v));
}
`,
  );
  return child;
}

function expectedBody(v: number): string {
  return JSON.stringify({ version: v, hostname: 'keepersecurity.com', pad: String(v % 10).repeat(2_000_000) }, null, 2);
}

function killAfter(child: ChildProcess, ms: number): Promise<number> {
  return new Promise((resolve) => {
    let announced = 0;
    let armed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line !== '') announced = Math.max(announced, Number(line));
      if (!armed) setTimeout(() => child.kill('SIGKILL'), ms);
      armed = true;
    });
    child.on('exit', () => resolve(announced));
  });
}

describe('crash safety', () => {
  it('a writer SIGKILLed at random moments never leaves a broken or half-written file', {
    timeout: 300_000,
  }, async () => {
    const { dir: work, remove: cleanup } = await tempDir();
    try {
      const writer = await compileForChild(work);
      const target = join(work, 'ksm-config.json');
      await writeFileAtomic(target, expectedBody(0));
      let next = 1;
      const seen = new Set<number>();
      const rounds = 40;
      for (let round = 0; round < rounds; round++) {
        const child = spawn(process.execPath, [writer, target, String(next)], { stdio: ['ignore', 'pipe', 'inherit'] });
        const announced = await killAfter(child, Math.floor(Math.random() * 120));
        expect(child.signalCode).toBe('SIGKILL');
        const text = await readFile(target, 'utf8');
        const parsed = JSON.parse(text) as { version: number };
        // The file is exactly one complete version: the last finished one, or the one being written.
        expect(parsed.version).toBeGreaterThanOrEqual(0);
        expect(parsed.version).toBeLessThanOrEqual(announced);
        expect(text).toBe(expectedBody(parsed.version));
        expect(await mode(target)).toBe(0o600);
        seen.add(parsed.version);
        next = announced + 1;
      }
      // The kills landed at different points: several distinct versions survived.
      expect(seen.size).toBeGreaterThan(3);
    } finally {
      await cleanup();
    }
  });
});
