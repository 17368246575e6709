// Tests of the data-dir helpers: locations, 0700 directories, atomic 0600 writes, settings defaults.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dataDirPaths,
  ensureDataDir,
  readJsonFile,
  resolveDataDir,
  writeFileAtomic,
  writeJsonAtomic,
} from './data-dir.js';
import { isVaultError } from './errors.js';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from './settings.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-dir-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('resolveDataDir', () => {
  it('prefers the flag, then KSMKIT_VAULT_DIR, then ~/.ksmkit/vault', () => {
    expect(resolveDataDir('/x/y', { KSMKIT_VAULT_DIR: '/env' })).toBe('/x/y');
    expect(resolveDataDir(undefined, { KSMKIT_VAULT_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, {})).toBe(join(homedir(), '.ksmkit', 'vault'));
  });
});

describe('ensureDataDir', () => {
  it('creates the data dir and tls/ with mode 0700, fixing a looser existing mode', () => {
    const root = join(tempDir(), 'vault');
    const paths = ensureDataDir(root);
    expect(mode(paths.root)).toBe(0o700);
    expect(mode(paths.tlsDir)).toBe(0o700);
    expect(paths.database).toBe(join(root, 'vault.db'));
    expect(dataDirPaths(root).caCert).toBe(join(root, 'tls', 'ca.pem'));
  });
});

describe('writeFileAtomic', () => {
  it('writes 0600 files by default, replaces existing content and leaves no temp files', () => {
    const dir = tempDir();
    const path = join(dir, 'key.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(mode(path)).toBe(0o600);
    writeJsonAtomic(join(dir, 'b.json'), { a: 1 });
    expect(readJsonFile(join(dir, 'b.json'))).toEqual({ a: 1 });
    expect(readdirSync(dir).sort()).toEqual(['b.json', 'key.json']);
  });

  it('honours an explicit mode for public files', () => {
    const path = join(tempDir(), 'ca.pem');
    writeFileAtomic(path, 'cert', 0o644);
    expect(mode(path)).toBe(0o644);
  });
});

describe('readJsonFile', () => {
  it('returns undefined for a missing file and fails with ERR_INVALID_FILE (no content) for bad JSON', () => {
    const dir = tempDir();
    expect(readJsonFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{ secret-value');
    try {
      readJsonFile(join(dir, 'bad.json'));
      expect.unreachable();
    } catch (error) {
      expect(isVaultError(error, 'ERR_INVALID_FILE')).toBe(true);
      expect(String(error)).not.toContain('secret-value');
    }
  });
});

describe('settings', () => {
  it('defaults when missing and merges stored values over the defaults', () => {
    const dir = tempDir();
    expect(readSettings(dir)).toEqual(DEFAULT_SETTINGS);
    writeSettings(dir, { ...DEFAULT_SETTINGS, port: 9443, throttle: { requests: 5, windowSeconds: 1 } });
    expect(readSettings(dir).port).toBe(9443);
    expect(readSettings(dir).throttle).toEqual({ requests: 5, windowSeconds: 1 });
    expect(mode(dataDirPaths(dir).settings)).toBe(0o600);
  });
});
