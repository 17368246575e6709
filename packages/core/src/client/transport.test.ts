// Transport retries with a scripted fetch: key rotation, throttling, network errors, timeouts and error mapping.
import { describe, expect, it } from 'vitest';
import { readDeviceConfig, writeDeviceConfig } from '../config/config-storage.js';
import { createMemoryStorage } from '../config/memory-storage.js';
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair, importEcdhPublicKey, importSigningKey } from '../crypto/ec-keys.js';
import { randomBytes } from '../crypto/random.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { createKeyMemo } from './key-memo.js';
import { createTransmissionPool } from './transmission-pool.js';
import { type FetchFunction, postKsm, type TransportContext, throttleDelayMs } from './transport.js';

type Reply = Response | Error | ((init: RequestInit) => Promise<Response>);

async function context(script: Reply[], options: { customKey?: boolean; sleeps?: number[] } = {}) {
  const storage = createMemoryStorage();
  const device = await generateEcKeyPair();
  const server = await generateEcKeyPair();
  await writeDeviceConfig(storage, {
    hostname: 'ksm.example.test',
    clientId: await computeClientId(randomBytes(32)),
    privateKey: device.privateKey,
    appKey: randomBytes(32),
    serverPublicKeyId: options.customKey ? 20 : 7,
    ...(options.customKey ? { serverPublicKey: server.publicKey } : {}),
  });
  const seen: { url: string; keyId: string | null }[] = [];
  const fetch: FetchFunction = async (url, init) => {
    seen.push({ url, keyId: new Headers(init.headers).get('PublicKeyId') });
    const reply = script.shift();
    if (reply === undefined) throw new Error('script exhausted');
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(init) : reply;
  };
  const sleeps = options.sleeps ?? [];
  const ctx: TransportContext = {
    storage,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 30_000,
    clientVersion: 'ms17.5.0',
    random: () => 0.5,
    signingKey: createKeyMemo(importSigningKey),
    serverKey: createKeyMemo(importEcdhPublicKey),
    transmissions: createTransmissionPool(),
  };
  return { ctx, storage, seen, sleeps };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const ok = () => new Response(null, { status: 200 });

describe('postKsm', () => {
  it('posts to the API URL and treats an empty 200 as null', async () => {
    const { ctx, seen } = await context([ok()]);
    const result = await postKsm(ctx, 'delete_secret', { fields: { recordUids: [] }, idempotent: false });
    expect(result.json).toBeNull();
    expect(seen[0]?.url).toBe('https://ksm.example.test/api/rest/sm/v1/delete_secret');
  });

  it('stores a rotated server key id and retries with it; gives up after 3 rotations', async () => {
    const { ctx, storage, seen } = await context([json(400, { error: 'key', key_id: 9 }), ok()]);
    await postKsm(ctx, 'get_folders', { fields: {}, idempotent: true });
    expect(seen.map((s) => s.keyId)).toEqual(['7', '9']);
    expect((await readDeviceConfig(storage)).serverPublicKeyId).toBe(9);

    const keyErrors = [8, 9, 10, 11].map((id) => json(400, { error: 'key', key_id: id }));
    const capped = await context(keyErrors);
    const error = await rejection(
      postKsm(capped.ctx, 'get_secret', { fields: {}, idempotent: true }),
      'ERR_SERVER_KEY_REJECTED',
    );
    expect(capped.seen).toHaveLength(4);
    expect(error.details.suggestedKeyId).toBe(11);
  });

  it('treats a key error as fatal with a custom server key or an unknown key id', async () => {
    const custom = await context([json(400, { error: 'key', key_id: 9 })], { customKey: true });
    const error = await rejection(
      postKsm(custom.ctx, 'get_secret', { fields: {}, idempotent: true }),
      'ERR_SERVER_KEY_REJECTED',
    );
    expect(error.details).toMatchObject({ customKey: true, keyId: 20, suggestedKeyId: 9 });
    const unknown = await context([json(400, { error: 'key', key_id: 99 })]);
    await rejection(postKsm(unknown.ctx, 'get_secret', { fields: {}, idempotent: true }), 'ERR_SERVER_KEY_REJECTED');
  });

  it('backs off on throttled 403s (retry_after, else 11·2ⁿ s) at most 5 times', async () => {
    const sleeps: number[] = [];
    const throttled = () => json(403, { error: 'throttled' });
    const { ctx } = await context([json(403, { result_code: 'throttled', retry_after: '3' }), throttled(), ok()], {
      sleeps,
    });
    await postKsm(ctx, 'get_secret', { fields: {}, idempotent: true });
    expect(sleeps).toEqual([3_000, 22_000]);

    const many = await context(Array.from({ length: 6 }, throttled));
    const error = await rejection(
      postKsm(many.ctx, 'update_secret', { fields: {}, idempotent: false }),
      'ERR_THROTTLED',
    );
    expect(many.sleeps).toEqual([11_000, 22_000, 44_000, 88_000, 176_000]);
    expect(error.details).toMatchObject({ status: 403, serverCode: 'throttled' });
    // A throttled body on another status is not retried.
    const other = await context([json(502, { error: 'throttled' })]);
    await rejection(postKsm(other.ctx, 'get_secret', { fields: {}, idempotent: true }), 'ERR_THROTTLED');
    expect(other.sleeps).toEqual([]);
  });

  it('retries network errors only for idempotent calls', async () => {
    const read = await context([new TypeError('fetch failed'), ok()]);
    await postKsm(read.ctx, 'get_secret', { fields: {}, idempotent: true });
    expect(read.seen).toHaveLength(2);
    const write = await context([new TypeError('fetch failed'), ok()]);
    const error = await rejection(
      postKsm(write.ctx, 'create_secret', { fields: {}, idempotent: false }),
      'ERR_NETWORK',
    );
    expect(write.seen).toHaveLength(1);
    expect(error.details.endpoint).toBe('create_secret');
  });

  it('maps timeouts to ERR_TIMEOUT and rethrows the caller abort reason', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const timed = await context([hang, hang, hang]);
    const slowCtx = { ...timed.ctx, timeoutMs: 20 };
    await rejection(postKsm(slowCtx, 'get_secret', { fields: {}, idempotent: true }), 'ERR_TIMEOUT');
    expect(timed.seen).toHaveLength(3);
  });

  it('rethrows the caller abort reason while the request is on the wire, without retrying', async () => {
    const controller = new AbortController();
    // The abort happens once the request has reached fetch, however long building it took: no timer race.
    const abortOnArrival = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        controller.abort(new Error('stop'));
      });
    const aborted = await context([abortOnArrival, ok()]);
    const pending = postKsm(aborted.ctx, 'get_secret', { fields: {}, idempotent: true, signal: controller.signal });
    await expect(pending).rejects.toThrow('stop');
    expect(aborted.seen).toHaveLength(1);
    expect(aborted.sleeps).toEqual([]);
  });

  it('sends nothing when the caller aborted before the call', async () => {
    const early = await context([ok()]);
    const signal = AbortSignal.abort(new Error('stop'));
    await expect(postKsm(early.ctx, 'get_secret', { fields: {}, idempotent: true, signal })).rejects.toThrow('stop');
    expect(early.seen).toHaveLength(0);
  });

  it('never accepts a non-200 success status', async () => {
    const { ctx } = await context([new Response(null, { status: 204 })]);
    const error = await rejection(postKsm(ctx, 'update_secret', { fields: {}, idempotent: false }), 'ERR_SERVER');
    expect(error.details.status).toBe(204);
  });
});

describe('throttleDelayMs', () => {
  it('applies ±25 % jitter around retry_after or 11·2ⁿ seconds', () => {
    expect(throttleDelayMs(0, null, () => 0)).toBe(8_250);
    expect(throttleDelayMs(0, null, () => 0.999_999)).toBe(13_750);
    expect(throttleDelayMs(4, null, () => 0.5)).toBe(176_000);
    expect(throttleDelayMs(2, 0, () => 0.5)).toBe(44_000);
    expect(throttleDelayMs(2, 7, () => 0.5)).toBe(7_000);
  });
});
