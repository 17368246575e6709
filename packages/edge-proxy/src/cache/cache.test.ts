// The cache and the gateway Durable Object against a real vault: coalescing counted at the vault, TTL, stale-if-error,
// and entries sealed at rest.
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachedRecord } from '../cached-record.js';
import { KsmGateway } from '../gateway.js';
import { control, env, mint, resolve, sleep, uidOf } from '../test-support/worker-test.js';
import { configIdOf } from './record-source.js';
import { entryUrl } from './sealed-cache.js';

const slow = { timeout: 60_000 };

afterEach(async () => {
  await control({ down: false });
});

describe('record cache and gateway', () => {
  it(
    'makes exactly one get_secret for 1,000 concurrent requests on a cold cache, and one more after the TTL',
    slow,
    async () => {
      const uid = uidOf('Cold');
      const token = await mint([`keeper://${uid}/*`]);
      // Long enough that a whole burst lands inside one TTL even on a loaded machine.
      const vars = { CACHE_TTL_SECONDS: '10' };
      await control({ reset: true });
      const burst = () =>
        Promise.all(Array.from({ length: 1000 }, () => resolve(token, [`keeper://${uid}/field/password`], vars)));
      const first = await burst();
      expect(new Set(first.map((r) => r.status))).toEqual(new Set([200]));
      const bodies = await Promise.all(first.map((r) => r.json()));
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect((await control()).counts.get_secret).toBe(1);
      await sleep(10_100);
      const second = await burst();
      expect(new Set(second.map((r) => r.status))).toEqual(new Set([200]));
      expect((await control()).counts.get_secret).toBe(2);
    },
  );

  it(
    'serves a cached value stale (marked) while the vault is down, fails clearly for uncached ones, and recovers',
    slow,
    async () => {
      const stale = uidOf('Stale');
      const fresh = uidOf('Refresh');
      const token = await mint([`keeper://${stale}/*`, `keeper://${fresh}/*`]);
      const vars = { CACHE_TTL_SECONDS: '1' };
      expect((await resolve(token, [`keeper://${stale}/field/password`], vars)).status).toBe(200);
      await control({ down: true });
      await sleep(1100);
      const served = await resolve(token, [`keeper://${stale}/field/password`], vars);
      expect(served.status).toBe(200);
      expect(served.headers.get('x-ksmkit-cache')).toBe('stale');
      expect(((await served.json()) as { results: { values: string[] }[] }).results[0]?.values).toEqual([
        'stale-served-value',
      ]);
      const missing = await resolve(token, [`keeper://${fresh}/field/password`], vars);
      expect(missing.status).toBe(503);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ERR_UPSTREAM_UNAVAILABLE');
      expect(missing.headers.get('retry-after')).not.toBeNull();
      await control({ down: false });
      const back = await resolve(token, [`keeper://${stale}/field/password`], vars);
      expect(back.headers.get('x-ksmkit-cache')).toBe('miss');
      expect((await resolve(token, [`keeper://${fresh}/field/password`], vars)).status).toBe(200);
    },
  );

  it('coalesces 1,000 concurrent gateway loads (as from many isolates) into one get_secret', slow, async () => {
    const uid = uidOf('Gateway');
    const gateway = env.KSM_GATEWAY.get(env.KSM_GATEWAY.idFromName(await configIdOf(env.KSM_CONFIG)));
    await control({ reset: true });
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => gateway.load(uid, { maxAgeMs: 60_000, negativeTtlMs: 1000 })),
    );
    expect(results.every((r) => 'record' in r && (r.record as CachedRecord | null)?.data.title === 'Gateway')).toBe(
      true,
    );
    expect((await control()).counts.get_secret).toBe(1);
  });

  it(
    'backs off when KSM throttles: a throttled result with Retry-After, and no upstream call during the back-off',
    slow,
    async () => {
      // A gateway over the device of the throttled vault (3 get_secret calls per window; binding used two).
      const stub = env.KSM_GATEWAY.get(env.KSM_GATEWAY.idFromName('throttle-test'));
      await runInDurableObject(stub, async (_instance, state) => {
        const gateway = new KsmGateway(state, { ...env, KSM_CONFIG: env.TEST_THROTTLED_CONFIG });
        const options = { maxAgeMs: 60_000, negativeTtlMs: 1000 };
        expect((await gateway.load(uidOf('Postgres'), options)).ok).toBe(true);
        const throttled = await gateway.load(uidOf('Direct'), options);
        expect(throttled).toMatchObject({ ok: false, code: 'ERR_UPSTREAM_THROTTLED' });
        expect(throttled.ok ? 0 : (throttled.retryAfter ?? 0)).toBeGreaterThan(0);
        const calls = gateway.stats().upstreamCalls;
        expect(await gateway.load(uidOf('Stripe'), options)).toMatchObject({
          ok: false,
          code: 'ERR_UPSTREAM_THROTTLED',
        });
        expect(gateway.stats().upstreamCalls).toBe(calls);
        expect((await gateway.load(uidOf('Postgres'), options)).ok).toBe(true); // remembered records still serve
      });
    },
  );

  it(
    'refreshes in the background once 80 % of the TTL has passed, so callers keep hitting the cache',
    slow,
    async () => {
      const uid = uidOf('Ahead');
      const token = await mint([`keeper://${uid}/*`]);
      const vars = { CACHE_TTL_SECONDS: '2' };
      const notation = [`keeper://${uid}/field/password`];
      await control({ reset: true });
      expect((await resolve(token, notation, vars)).headers.get('x-ksmkit-cache')).toBe('miss');
      await sleep(1700);
      const ahead = await resolve(token, notation, vars); // served from cache; the refresh runs in waitUntil
      expect(ahead.headers.get('x-ksmkit-cache')).toBe('refresh');
      expect((await control()).counts.get_secret).toBe(2);
      await sleep(600); // past the first entry's TTL: the refreshed entry still serves
      expect((await resolve(token, notation, vars)).headers.get('x-ksmkit-cache')).toBe('hit');
      expect((await control()).counts.get_secret).toBe(2);
    },
  );

  it('remembers a missing record for the negative TTL without asking KSM again', slow, async () => {
    const hidden = uidOf('Hidden');
    const token = await mint([`keeper://${hidden}/*`]);
    const vars = { NEGATIVE_TTL_SECONDS: '60' };
    expect((await resolve(token, [`keeper://${hidden}/title`], vars)).status).toBe(404);
    await control({ reset: true });
    for (let i = 0; i < 3; i++) expect((await resolve(token, [`keeper://${hidden}/title`], vars)).status).toBe(404);
    expect((await control()).counts.get_secret ?? 0).toBe(0);
  });

  it('stores entries sealed: the Cache API body holds no plaintext', async () => {
    const uid = uidOf('Postgres');
    const token = await mint([`keeper://${uid}/*`]);
    expect((await resolve(token, [`keeper://${uid}/field/password`])).status).toBe(200);
    const url = entryUrl(await configIdOf(env.KSM_CONFIG), uid);
    const cached = await (caches as unknown as { default: Cache }).default.match(url);
    expect(cached).toBeDefined();
    const text = new TextDecoder('latin1').decode(await cached?.arrayBuffer());
    expect(text).not.toContain('pg-s3cr3t-value');
    expect(text).not.toContain('Postgres');
  });
});
