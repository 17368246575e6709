// A record the owner key cannot open (a device sent a bad owner copy) is reported by UID and hides no other record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRecord } from './add-record.js';
import { createFolder } from './folders.js';
import { initVault } from './init-vault.js';
import { getRecordView, listRecordReport } from './read-records.js';
import { resolveRecord } from './resolve.js';
import { closeOwnerSession, openOwnerSession } from './session.js';

describe('unreadable records', () => {
  const root = mkdtempSync(join(tmpdir(), 'vault-unreadable-'));
  const dataDir = join(root, 'vault');
  const uid: Record<string, string> = {};

  beforeAll(async () => {
    await initVault(dataDir);
    const session = await openOwnerSession(dataDir);
    try {
      await createFolder(session, { name: 'Production' });
      for (const title of ['Good', 'Broken', 'Also good']) {
        uid[title] = (
          await addRecord(session, { folder: 'Production', record: { type: 'login', title, fields: { login: 'x' } } })
        ).uid;
      }
      // What an older SDK's create_secret stored before the server validated it: a plain 32-byte key.
      session.db
        .prepare('UPDATE records SET owner_wrapped_key = randomblob(32) WHERE uid = ?')
        .run(uid.Broken as string);
    } finally {
      closeOwnerSession(session);
    }
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('record list shows every other record and reports the broken one by UID with the reason', async () => {
    const session = await openOwnerSession(dataDir);
    try {
      const { records, unreadable } = await listRecordReport(session);
      expect(records.map((r) => r.title)).toEqual(['Good', 'Also good']);
      expect(unreadable).toEqual([
        { uid: uid.Broken, reason: "its owner copy of the record key is not encrypted to this vault's owner key" },
      ]);
    } finally {
      closeOwnerSession(session);
    }
  });

  it('record get of another record works by title; the broken one fails with ERR_RECORD_UNREADABLE', async () => {
    const session = await openOwnerSession(dataDir);
    try {
      expect((await getRecordView(session, 'Also good')).uid).toBe(uid['Also good']);
      expect((await resolveRecord(session, 'Good')).uid).toBe(uid.Good);
      await expect(getRecordView(session, uid.Broken as string)).rejects.toMatchObject({
        code: 'ERR_RECORD_UNREADABLE',
        details: { uid: uid.Broken },
      });
    } finally {
      closeOwnerSession(session);
    }
  });
});
