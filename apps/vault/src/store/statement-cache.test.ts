// Tests of the per-connection prepared statement cache: compiled SQL is reused, rows never are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

describe('cachedStatement', () => {
  it('reuses the statement per connection and SQL text', () => {
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    const sql = 'SELECT uid FROM apps';
    expect(cachedStatement(a, sql)).toBe(cachedStatement(a, sql));
    expect(cachedStatement(a, sql)).not.toBe(cachedStatement(b, sql));
    expect(cachedStatement(a, `${sql} ORDER BY uid`)).not.toBe(cachedStatement(a, sql));
  });

  it('reads what another connection wrote after the statement was cached', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-statements-'));
    const path = join(dir, 'vault.db');
    const server = openDatabase(path);
    const admin = openDatabase(path);
    try {
      const count = () => (cachedStatement(server, 'SELECT COUNT(*) AS n FROM apps').get() as { n: number }).n;
      expect(count()).toBe(0);
      admin
        .prepare('INSERT INTO apps (uid, owner_app_key, app_data, created_at) VALUES (?, ?, ?, ?)')
        .run('app', new Uint8Array(1), new Uint8Array(1), 1);
      expect(count()).toBe(1);
    } finally {
      server.close();
      admin.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
