// Tests of seed files: the shape, JSON and YAML, direct record shares, one transaction, located errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSharesForApp } from '../store/shares.js';
import { listAppSummaries } from './apps.js';
import { listFolderSummaries } from './folders.js';
import { initVault } from './init-vault.js';
import { getRecordView, readRecordFile } from './read-records.js';
import { applySeed, parseSeedText, seedFromFile } from './seed.js';
import { closeOwnerSession, type OwnerSession, openOwnerSession } from './session.js';

describe('seed', () => {
  let root: string;
  let session: OwnerSession;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vault-seed-'));
    await initVault(join(root, 'vault'));
    session = await openOwnerSession(join(root, 'vault'));
  }, 60_000);
  afterAll(() => {
    closeOwnerSession(session);
    rmSync(root, { recursive: true, force: true });
  });

  it('applies a JSON seed with nested folders, files from paths, direct and folder shares', async () => {
    writeFileSync(join(root, 'cert.pem'), 'PEM-DATA');
    writeFileSync(
      join(root, 'seed.json'),
      JSON.stringify({
        folders: [
          { name: 'Ops', folders: [{ name: 'Deep', records: [{ title: 'Inner', fields: { password: 'in' } }] }] },
        ],
        records: [{ type: 'login', title: 'Loose', notes: 'n', files: [{ path: 'cert.pem' }] }],
        apps: [{ name: 'svc', shares: [{ folder: 'Ops' }], records: [{ record: 'Loose', editable: true }] }],
      }),
    );
    const result = await seedFromFile(session, join(root, 'seed.json'));
    expect(Object.keys(result.folders)).toEqual(['Ops', 'Deep']);
    const inner = await getRecordView(session, result.records.Inner as string);
    expect(inner.folderPath).toBe('Ops/Deep');
    expect(inner.data.type).toBe('login');
    expect(new TextDecoder().decode(await readRecordFile(session, 'Loose', 'cert.pem'))).toBe('PEM-DATA');
    const shares = listSharesForApp(session.db, result.apps.svc as string);
    expect(shares.map((s) => [s.kind, s.targetUid, s.editable])).toEqual([
      ['folder', result.folders.Ops, false],
      ['record', result.records.Loose, true],
    ]);
  });

  it('writes nothing when any part fails, and names the failing path', async () => {
    const foldersBefore = (await listFolderSummaries(session)).length;
    const appsBefore = (await listAppSummaries(session)).length;
    await expect(
      applySeed(session, {
        folders: [{ name: 'Half', records: [{ title: 'Fine', fields: { password: 'x' } }] }],
        apps: [{ name: 'half-app', shares: [{ folder: 'Half' }, { folder: 'Nowhere' }] }],
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_SEED', details: { path: 'apps[0].shares[1]' } });
    expect((await listFolderSummaries(session)).length).toBe(foldersBefore);
    expect((await listAppSummaries(session)).length).toBe(appsBefore);
  });

  it('parses YAML and JSON, and locates syntax errors', () => {
    expect(parseSeedText('apps: [{ name: x }]')).toEqual({ apps: [{ name: 'x' }] });
    expect(parseSeedText('{"apps": []}')).toEqual({ apps: [] });
    expect(() => parseSeedText('folders:\n  - name: [unclosed')).toThrow(/line \d+/);
  });
});
