// The offline fallback store: entries encrypted at rest under an app-key-derived key, unreadable with another key.
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../config/memory-storage.js';
import { randomBytes } from '../crypto/random.js';
import { loadOffline, saveOffline } from './offline-cache.js';

describe('offline cache', () => {
  it('round-trips JSON and stores neither the plaintext nor the request in the clear', async () => {
    const values = new Map<string, string>();
    const inner = createMemoryStorage();
    const storage = {
      getString: (k: string) => inner.getString(k),
      delete: (k: string) => inner.delete(k),
      saveString: async (k: string, v: string) => {
        values.set(k, v);
        await inner.saveString(k, v);
      },
    };
    const appKey = randomBytes(32);
    const json = { records: [{ recordUid: 'uid-1', data: 'marker-plaintext-value' }] };
    await saveOffline(storage, appKey, 'client-a', 'get_secret {"requestedRecords":["uid-1"]}', json);
    expect(await loadOffline(storage, appKey, 'client-a', 'get_secret {"requestedRecords":["uid-1"]}')).toEqual(json);
    expect(values.size).toBe(1);
    const [name, value] = [...values][0] ?? ['', ''];
    expect(name).not.toContain('uid-1');
    expect(value).not.toContain('marker');
    expect(atob(value)).not.toContain('marker');
  });

  it('misses for another request, another app key or another client id', async () => {
    const storage = createMemoryStorage();
    const appKey = randomBytes(32);
    await saveOffline(storage, appKey, 'client-a', 'get_secret {}', { ok: 1 });
    expect(await loadOffline(storage, appKey, 'client-a', 'get_folders {}')).toBeUndefined();
    expect(await loadOffline(storage, randomBytes(32), 'client-a', 'get_secret {}')).toBeUndefined();
    expect(await loadOffline(storage, appKey, 'client-b', 'get_secret {}')).toBeUndefined();
  });
});
