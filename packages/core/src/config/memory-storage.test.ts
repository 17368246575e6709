import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage.js';

describe('createMemoryStorage', () => {
  it('stores, replaces and deletes string values', async () => {
    const storage = createMemoryStorage();
    expect(await storage.getString('hostname')).toBeUndefined();
    await storage.saveString('hostname', 'keepersecurity.com');
    await storage.saveString('hostname', 'keepersecurity.eu');
    expect(await storage.getString('hostname')).toBe('keepersecurity.eu');
    await storage.delete('hostname');
    await storage.delete('never-set');
    expect(await storage.getString('hostname')).toBeUndefined();
    expect(storage.snapshot()).toEqual({});
  });

  it('copies its seed and its snapshots instead of aliasing them', async () => {
    const seed: Record<string, string> = { clientId: 'a' };
    const storage = createMemoryStorage(seed);
    seed.clientId = 'changed';
    seed.extra = 'x';
    const snapshot = storage.snapshot();
    snapshot.clientId = 'changed too';
    expect(await storage.getString('clientId')).toBe('a');
    expect(await storage.getString('extra')).toBeUndefined();
    expect(storage.snapshot()).toEqual({ clientId: 'a' });
  });

  it('keeps two storages fully independent', async () => {
    const one = createMemoryStorage();
    const two = createMemoryStorage();
    await one.saveString('appKey', '1');
    expect(await two.getString('appKey')).toBeUndefined();
    await two.saveString('appKey', '2');
    await one.delete('appKey');
    expect(await two.getString('appKey')).toBe('2');
  });

  it('treats keys as opaque strings, including ones that look like paths or prototype names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'a/b', 'toString')),
          fc.string(),
        ),
        async (entries) => {
          const storage = createMemoryStorage();
          for (const [key, value] of Object.entries(entries)) await storage.saveString(key, value);
          for (const [key, value] of Object.entries(entries)) expect(await storage.getString(key)).toBe(value);
          expect(storage.snapshot()).toEqual(entries);
        },
      ),
    );
  });
});
