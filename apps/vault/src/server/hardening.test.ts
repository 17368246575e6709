// Bounded, observable request handling: list caps, 5xx logging with request ids, garbled payloads, key shapes.
import { base64Encode, generateRecordUid, randomBytes } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIST_ITEMS } from './payload.js';
import { createWireHarness, type WireHarness } from './wire-call.test-support.js';

describe('request hardening', () => {
  let h: WireHarness;
  let device: Awaited<ReturnType<WireHarness['bindDevice']>>;
  let folderUid: string;

  beforeAll(async () => {
    h = await createWireHarness();
    folderUid = await h.vault.addFolder('Writable');
    await h.vault.addRecord({ title: 'One', type: 'login', fields: [] }, { folderUid });
    device = await h.bindDevice();
  }, 60_000);
  afterAll(() => h?.vault.db.close());

  it('answers 400 too_many_items to a delete_secret with 100k UIDs, deleting nothing', async () => {
    const uids = Array.from({ length: 100_000 }, () => generateRecordUid());
    const response = await h.call(device, 'delete_secret', { recordUids: uids });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'bad_request', result_code: 'too_many_items' });
    expect(JSON.stringify(response.json).length).toBeLessThan(500);
  });

  it('caps every UID list field at the same limit', async () => {
    const many = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => generateRecordUid());
    for (const [endpoint, field] of [
      ['get_secret', 'requestedRecords'],
      ['get_secret', 'requestedFolders'],
      ['delete_folder', 'folderUids'],
    ] as const) {
      const response = await h.call(device, endpoint, { [field]: many });
      expect(response.status, `${endpoint}.${field}`).toBe(400);
      expect(response.json.result_code).toBe('too_many_items');
    }
    const ok = await h.call(device, 'get_secret', { requestedRecords: many.slice(0, MAX_LIST_ITEMS) });
    expect(ok.status).toBe(200);
  });

  it('logs a 5xx with a request id and the cause (disk full), and the next write after freeing space works', async () => {
    const db = h.vault.db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages}`);
    const record = () => ({
      recordUid: generateRecordUid(),
      folderUid,
      recordKey: base64Encode(new Uint8Array([4, ...randomBytes(124)])),
      folderKey: base64Encode(randomBytes(60)),
      data: base64Encode(randomBytes(64 * 1024)),
    });
    let full: Awaited<ReturnType<WireHarness['call']>> | undefined;
    for (let i = 0; i < 50 && full === undefined; i += 1) {
      const response = await h.call(device, 'create_secret', record());
      if (response.status !== 200) full = response;
    }
    expect(full?.status).toBe(500);
    const requestId = full?.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(full?.json.message).toContain(requestId);
    const line = h.logs.find((l) => l.startsWith(`error ${requestId}`));
    expect(line).toContain('SQLITE_FULL');
    expect(line).toContain('/api/rest/sm/v1/create_secret 500');
    db.pragma('max_page_count = 4294967294');
    expect((await h.call(device, 'create_secret', record())).status).toBe(200);
  });

  it('answers 400 to a decryptable payload that is not JSON or not UTF-8, 403 to an undecryptable one', async () => {
    for (const plain of [new TextEncoder().encode('not json {'), new Uint8Array([0xff, 0xfe, 0x80, 0x00])]) {
      const sealed = await h.sealRaw(device.keys, plain);
      const response = await h.send('get_secret', sealed);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'bad_request' });
    }
    const sealed = await h.sealRaw(device.keys, new TextEncoder().encode('{}'));
    const tampered = new Uint8Array(sealed.body);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect((await h.send('get_secret', { ...sealed, body: tampered })).status).toBe(403);
  });

  it('refuses a create_secret whose owner copy of the record key is a plain 32-byte key', async () => {
    const recordUid = generateRecordUid();
    const response = await h.call(device, 'create_secret', {
      recordUid,
      folderUid,
      recordKey: base64Encode(randomBytes(32)),
      folderKey: base64Encode(randomBytes(60)),
      data: base64Encode(randomBytes(100)),
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'bad_request', result_code: 'invalid_key_shape' });
    expect(h.vault.db.prepare('SELECT COUNT(*) FROM records WHERE uid = ?').pluck().get(recordUid)).toBe(0);
  });

  it('refuses a replayed request, so a captured rename cannot undo a later one', async () => {
    const sub = await h.vault.addFolder('Renamed', { parentUid: folderUid });
    const nameOf = () => h.vault.db.prepare('SELECT data FROM folders WHERE uid = ?').pluck().get(sub) as Uint8Array;
    const renameTo = (marker: number) =>
      h.sealRaw(
        device.keys,
        new TextEncoder().encode(
          JSON.stringify({
            clientVersion: 'ms17.0.0',
            clientId: device.clientId,
            folderUid: sub,
            data: base64Encode(new Uint8Array(32).fill(marker)),
          }),
        ) as Uint8Array<ArrayBuffer>,
      );
    const first = await renameTo(1);
    expect((await h.send('update_folder', first)).status).toBe(200);
    const second = await renameTo(2);
    expect((await h.send('update_folder', second)).status).toBe(200);
    const replayed = await h.send('update_folder', first);
    expect(replayed.status).toBe(403);
    expect(await replayed.json()).toMatchObject({ error: 'access_denied', result_code: 'replayed_request' });
    expect([...nameOf()]).toEqual(Array(32).fill(2));
  });

  it('refuses an update_folder based on a stale folder revision with 409', async () => {
    const sub = await h.vault.addFolder('Versioned', { parentUid: folderUid });
    const rename = (revision: number) =>
      h.call(device, 'update_folder', { folderUid: sub, data: base64Encode(randomBytes(32)), revision });
    expect((await rename(1)).status).toBe(200);
    const stale = await rename(1);
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'invalid_revision' });
    expect((await rename(2)).status).toBe(200);
  });
});
