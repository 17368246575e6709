// Tests of openDatabase: pragmas, migrations via user_version, schema constraints.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from './errors.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase, schemaVersion } from './open-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('applies every migration and records it in user_version', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['apps', 'clients', 'files', 'folders', 'pending_updates', 'records', 'shares']);
    db.close();
  });

  it('uses WAL, foreign keys and a busy timeout on a file database, and reopens without re-running migrations', () => {
    const path = join(tempDir(), 'vault.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    db.prepare('INSERT INTO apps VALUES (?, ?, ?, ?)').run('a', Buffer.from([1]), Buffer.from([2]), 1);
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT COUNT(*) FROM apps').pluck().get()).toBe(1);
    again.close();
  });

  it('keeps the database and its WAL files private (0600), tightening a wider existing file', () => {
    const dir = tempDir();
    const path = join(dir, 'vault.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    db.close();
    const wide = join(dir, 'wide.db');
    writeFileSync(wide, '', { mode: 0o644 });
    openDatabase(wide).close();
    expect(statSync(wide).mode & 0o777).toBe(0o600);
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(tempDir(), 'vault.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    let caught: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(isVaultError(caught, 'ERR_SCHEMA_TOO_NEW')).toBe(true);
  });

  it('enforces foreign keys and the share kind check', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare('INSERT INTO shares VALUES (?, ?, ?, ?, ?)').run('no-app', 'folder', 'f', 0, Buffer.from([1])),
    ).toThrow(/FOREIGN KEY/);
    db.prepare('INSERT INTO apps VALUES (?, ?, ?, ?)').run('a', Buffer.from([1]), Buffer.from([2]), 1);
    expect(() =>
      db.prepare('INSERT INTO shares VALUES (?, ?, ?, ?, ?)').run('a', 'nonsense', 'f', 0, Buffer.from([1])),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run('r', 'missing-folder', null, null, Buffer.from([1]), Buffer.from([1]), 1, 1, 1),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
