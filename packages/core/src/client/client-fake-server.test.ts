// The client against an in-process fake KSM server: warnings, expiry, thumbnails and undecryptable responses.
import { describe, expect, it } from 'vitest';
import { utf8Decode } from '../encoding/bytes.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { fakeServer } from './fake-ksm-server.test-support.js';
import { createClient, type FetchFunction } from './index.js';

describe('client with a fake server', () => {
  it('reports warnings through onWarning and exposes expiry and app info', async () => {
    const { storage, fetch } = await fakeServer();
    const warnings: string[] = [];
    const client = createClient({ storage, fetch, onWarning: (w) => warnings.push(w) });
    const result = await client.getSecrets();
    expect(result.expiresOn).toBe(1_900_000_000_000);
    expect(warnings).toEqual(['Expires soon', 'Second']);
    const info = await client.getAppInfo();
    expect(info.expiresOn).toBe(1_900_000_000_000);
    expect(info.warnings).toEqual(['Expires soon', 'Second']);
  });

  it('downloads and decrypts thumbnails with the file key', async () => {
    const { storage, fetch } = await fakeServer();
    const client = createClient({ storage, fetch });
    const file = (await client.getSecrets()).records[0]?.files[0];
    if (file === undefined) throw new Error('no file');
    expect(utf8Decode(await client.downloadThumbnail(file))).toBe('thumb');
    expect(utf8Decode(await client.downloadFile(file))).toBe('png');
  });

  it('fails with ERR_DECRYPT_FAILED when a 200 response does not decrypt', async () => {
    const { storage, fetch } = await fakeServer({ garble: true });
    await rejection(createClient({ storage, fetch }).getSecrets(), 'ERR_DECRYPT_FAILED');
  });

  it('gives two clients separate caches', async () => {
    const a = await fakeServer();
    const b = await fakeServer();
    const clientA = createClient({ storage: a.storage, fetch: a.fetch, cache: { ttlMs: 60_000 } });
    const clientB = createClient({ storage: b.storage, fetch: b.fetch, cache: { ttlMs: 60_000 } });
    const [ra, rb] = await Promise.all([clientA.getSecrets(), clientB.getSecrets()]);
    expect(ra.records[0]?.recordUid).not.toBe(rb.records[0]?.recordUid);
  });

  it('lets one caller abort a coalesced read without failing the others', async () => {
    const { storage, fetch } = await fakeServer();
    let requests = 0;
    const counted: FetchFunction = async (url, init) => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fetch(url, init);
    };
    const client = createClient({ storage, fetch: counted, cache: { ttlMs: 0 } });
    const controller = new AbortController();
    const aborted = client.getSecrets({ signal: controller.signal });
    const kept = client.getSecrets();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    expect((await kept).records).toHaveLength(1);
    expect(requests).toBe(1);
  });
});
