// The cleanup list: files then directories (deepest first), idempotent, closed after it ran.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStepError } from '../errors.js';
import { Cleanup } from './cleanup.js';
import { childEnv } from './exec-prepared.js';
import { writeSecretFile } from './workspace-files.js';

let root: string | undefined;
afterEach(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

describe('Cleanup and writeSecretFile', () => {
  it('writes 0600 files in 0700 dirs it creates, and removes exactly those', () => {
    root = mkdtempSync(join(tmpdir(), 'cleanup-'));
    mkdirSync(join(root, 'kept'));
    const cleanup = new Cleanup();
    const path = writeSecretFile(root, 'kept/new/deeper/a.pem', new TextEncoder().encode('x'), cleanup);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'kept/new')).mode & 0o777).toBe(0o700);
    expect(cleanup.state.dirs).toEqual([join(root, 'kept/new'), join(root, 'kept/new/deeper')]);
    expect(cleanup.run()).toEqual([]);
    expect(readdirSync(root)).toEqual(['kept']);
    expect(readdirSync(join(root, 'kept'))).toEqual([]);
    expect(cleanup.run()).toEqual([]);
  });

  it('refuses new registrations after it ran (a setup stopped by a signal writes nothing more)', () => {
    root = mkdtempSync(join(tmpdir(), 'cleanup-'));
    const cleanup = new Cleanup();
    cleanup.run();
    expect(() => writeSecretFile(root as string, 'late.txt', new Uint8Array([1]), cleanup)).toThrow();
    expect(existsSync(join(root, 'late.txt'))).toBe(false);
  });

  it('reports a failed write with the path, never the content', () => {
    root = mkdtempSync(join(tmpdir(), 'cleanup-'));
    writeFileSync(join(root, 'blocker'), 'file');
    try {
      writeSecretFile(root, 'blocker/x.pem', new TextEncoder().encode('TOP-SECRET'), new Cleanup());
      expect.unreachable();
    } catch (error) {
      expect(isStepError(error, 'ERR_FILE_WRITE')).toBe(true);
      expect((error as Error).message).toBe('Keeper Secrets Manager: Could not write secret to blocker/x.pem: ENOTDIR');
    }
  });
});

describe('childEnv', () => {
  it('drops the credential variables and adds the block values on top', () => {
    const env = childEnv(
      { PATH: '/bin', KSM_CONFIG_CI: 'config', X: 'old' },
      { env: { X: 'new' }, removeEnv: ['KSM_CONFIG_CI'] },
    );
    expect(env).toEqual({ PATH: '/bin', X: 'new' });
  });
});
