// The in-memory read cache: single-flight coalescing, TTL on the injected clock, no caching of failures.
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memory-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createMemoryCache', () => {
  it('shares one in-flight load between concurrent identical requests', async () => {
    const cache = createMemoryCache({ ttlMs: 0 }, () => 0);
    const pending = deferred<number>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return pending.promise;
    };
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    const other = cache.get('other', async () => 2);
    pending.resolve(1);
    expect(await Promise.all([a, b, other])).toEqual([1, 1, 2]);
    expect(loads).toBe(1);
    // ttlMs 0: nothing is kept once settled.
    await cache.get('k', async () => {
      loads += 1;
      return 3;
    });
    expect(loads).toBe(2);
  });

  it('keeps values for ttlMs of the injected clock, drops failures and clears on demand', async () => {
    let now = 0;
    const cache = createMemoryCache({ ttlMs: 100 }, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    now = 99;
    expect(await cache.get('k', load)).toBe(1);
    now = 100;
    expect(await cache.get('k', load)).toBe(2);
    cache.clear();
    expect(await cache.get('k', load)).toBe(3);
    await expect(cache.get('bad', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
  });

  it('does not keep a value whose load started before clear()', async () => {
    const cache = createMemoryCache({ ttlMs: 1_000 }, () => 0);
    const pending = deferred<string>();
    const first = cache.get('k', () => pending.promise);
    cache.clear();
    pending.resolve('old');
    await first;
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });
});
