// Tests of openDatabase: pragmas, migrations via user_version, schema constraints.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from './errors.js';
import { getFile, getFileContent, listFilesForRecords } from './files.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase, schemaVersion, WAL_SIZE_LIMIT_BYTES } from './open-database.js';

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
    expect(tables).toEqual([
      'apps',
      'clients',
      'file_chunks',
      'files',
      'folders',
      'pending_updates',
      'records',
      'removed_clients',
      'shares',
    ]);
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

  it('migrates a schema-1 data dir: file contents move to 1 MiB chunks, metadata and pending files kept', () => {
    const path = join(tempDir(), 'vault.db');
    const old = new BetterSqlite3(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma('user_version = 1');
    old.prepare('INSERT INTO apps VALUES (?, ?, ?, ?)').run('a', Buffer.from([1]), Buffer.from([2]), 1);
    old
      .prepare(
        'INSERT INTO records (uid, owner_wrapped_key, data, revision, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)',
      )
      .run('r1', Buffer.from([3]), Buffer.from([4]));
    const content = Buffer.alloc(2.5 * 1024 * 1024, 7);
    const insert = old.prepare(
      `INSERT INTO files (uid, record_uid, link_key, data, owner_wrapped_key, size, content, thumbnail, uploaded_at, created_at)
       VALUES (?, 'r1', x'01', x'02', x'03', ?, ?, ?, ?, ?)`,
    );
    insert.run('f1', content.length, content, Buffer.from([9, 9]), 5, 2);
    insert.run('f2', 10, null, null, null, 3);
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(Buffer.compare(getFileContent(db, 'f1') ?? new Uint8Array(0), content)).toBe(0);
    expect(getFileContent(db, 'f1', 'thumbnail')).toEqual(new Uint8Array([9, 9]));
    expect(getFile(db, 'f1')).toMatchObject({
      hasContent: true,
      hasThumbnail: true,
      uploadedAt: 5,
      size: content.length,
    });
    expect(getFile(db, 'f2')).toMatchObject({ hasContent: false, hasThumbnail: false });
    expect(
      db.prepare("SELECT COUNT(*) FROM file_chunks WHERE file_uid = 'f1' AND kind = 'content'").pluck().get(),
    ).toBe(3);
    expect(listFilesForRecords(db, ['r1'], true).map((f) => f.uid)).toEqual(['f1']);
    const columns = db.prepare("SELECT name FROM pragma_table_info('files')").pluck().all();
    expect(columns).not.toContain('content');
    db.close();
  });

  it('truncates the WAL back to its size limit after a large write is checkpointed', () => {
    const path = join(tempDir(), 'vault.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE big (b BLOB)');
    db.transaction(() => {
      for (let i = 0; i < 24; i += 1) db.prepare('INSERT INTO big VALUES (?)').run(Buffer.alloc(1024 * 1024, i));
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    db.pragma('wal_checkpoint(PASSIVE)');
    db.prepare('INSERT INTO big VALUES (?)').run(Buffer.from([1]));
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    db.close();
  });
});
