// Upload route: the capability is checked before any body byte is read, memory stays bounded, uploads are capped.
import { generateRecordUid, importEcdhPrivateKey } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureVault, type FixtureVault } from '../interop/fixture-vault.test-support.js';
import { concatChunks } from '../store/file-chunks.js';
import { getFile, insertFile } from '../store/files.js';
import { createApp } from './app.js';
import type { ServerContext } from './context.js';
import { deriveUrlSigningKey, FILES_PATH, signCapability } from './file-urls.js';
import { createReplayCache } from './replay-cache.js';
import { createThrottle } from './throttle.js';

const MiB = 1024 * 1024;

/** A lazily generated body of `size` bytes; counts how many bytes were pulled from it. */
function lazyBody(size: number, fill = 0x61) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= size) return controller.close();
      const piece = Math.min(64 * 1024, size - state.pulled);
      state.pulled += piece;
      controller.enqueue(new Uint8Array(piece).fill(fill));
    },
  });
  return { stream, state };
}

describe('upload route', () => {
  let vault: FixtureVault;
  let ctx: ServerContext;
  let app: ReturnType<typeof createApp>;
  let recordUid: string;

  beforeAll(async () => {
    vault = await createFixtureVault({ appTitle: 'upload app' });
    const folder = await vault.addFolder('Files');
    recordUid = await vault.addRecord({ title: 'Holder', type: 'file', fields: [] }, { folderUid: folder });
    ctx = {
      db: vault.db,
      serverPrivateKey: await importEcdhPrivateKey(vault.serverKey.privateKey),
      ownerPublicKey: vault.ownerPublicKey,
      urlSigningKey: deriveUrlSigningKey(vault.serverKey.privateKey),
      throttle: createThrottle(),
      replay: createReplayCache(),
      now: () => Date.now(),
      fileUrlTtlSeconds: 60,
      maxUploadBytes: 200 * MiB,
    };
    app = createApp(ctx, { clientIp: () => '127.0.0.1', maxConcurrentUploads: 2 });
  }, 60_000);
  afterAll(() => vault?.db.close());

  function pendingFile(size: number): { uid: string; url: string } {
    const uid = generateRecordUid();
    insertFile(vault.db, {
      uid,
      recordUid,
      linkKey: new Uint8Array(60),
      data: new Uint8Array(40),
      ownerWrappedKey: new Uint8Array(125),
      size,
    });
    const expires = Date.now() + 60_000;
    const sig = signCapability(ctx.urlSigningKey, 'upload', uid, expires);
    return { uid, url: `${FILES_PATH}/${uid}/upload?expires=${expires}&sig=${sig}` };
  }

  function post(url: string, body: ReadableStream<Uint8Array> | Uint8Array, boundary = 'bnd') {
    return app.request(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
  }

  it('refuses a forged upload with 403 before reading its body', async () => {
    const { uid } = pendingFile(10);
    const body = lazyBody(100 * MiB);
    const response = await post(`${FILES_PATH}/${uid}/upload?expires=${Date.now() + 60_000}&sig=AAAA`, body.stream);
    expect(response.status).toBe(403);
    expect(body.state.pulled).toBeLessThanOrEqual(64 * 1024);
    const unsigned = lazyBody(100 * MiB);
    expect((await post(`${FILES_PATH}/${uid}/upload`, unsigned.stream)).status).toBe(403);
    expect(unsigned.state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('leaves memory bounded under 24 concurrent unsigned 100 MiB uploads', async () => {
    const before = process.memoryUsage().rss;
    const bodies = Array.from({ length: 24 }, () => lazyBody(100 * MiB));
    const { uid } = pendingFile(10);
    const responses = await Promise.all(bodies.map((b) => post(`${FILES_PATH}/${uid}/upload`, b.stream)));
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(403));
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MiB);
  });

  it('refuses a boundary longer than 70 characters with 400', async () => {
    const { url } = pendingFile(3);
    const boundary = 'b'.repeat(71);
    const body = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--${boundary}--\r\n`,
    );
    expect((await post(url, body, boundary)).status).toBe(400);
  });

  it('streams a signed 3.5 MiB upload into 1 MiB chunks, once', async () => {
    const size = 3.5 * MiB;
    const { uid, url } = pendingFile(size);
    const head = new TextEncoder().encode('\r\n--bnd\r\nContent-Disposition: form-data; name="file"\r\n\r\n');
    const tail = new TextEncoder().encode('\r\n--bnd--\r\n');
    const content = lazyBody(size, 0x5a);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        const reader = content.stream.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          controller.enqueue(value);
        }
        controller.enqueue(tail);
        controller.close();
      },
    });
    expect((await post(url, body)).status).toBe(201);
    expect(getFile(vault.db, uid)?.hasContent).toBe(true);
    const chunks = vault.db.prepare('SELECT COUNT(*) AS n FROM file_chunks WHERE file_uid = ?').get(uid) as {
      n: number;
    };
    expect(chunks.n).toBe(4);
    const stored = concatChunks(vault.db, uid, 'content');
    expect(stored.length).toBe(size);
    expect(stored.every((b) => b === 0x5a)).toBe(true);
    const again = new TextEncoder().encode('--bnd\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--bnd--');
    expect((await post(url, again)).status).toBe(403);
  });

  it('refuses uploads beyond the concurrency limit with 503, before reading them', async () => {
    const held: Array<() => void> = [];
    const slow = (url: string) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('--bnd\r\nContent-Disposition: form-data; name="file"\r\n\r\n'));
          held.push(() => controller.error(new Error('client went away')));
        },
      });
      return post(url, body);
    };
    const first = slow(pendingFile(5).url);
    const second = slow(pendingFile(5).url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = lazyBody(10 * MiB);
    const refused = await post(pendingFile(5).url, third.stream);
    expect(refused.status).toBe(503);
    expect(third.state.pulled).toBeLessThanOrEqual(64 * 1024);
    for (const fail of held) fail();
    expect((await first).status).toBeGreaterThanOrEqual(400);
    expect((await second).status).toBeGreaterThanOrEqual(400);
  });
});
