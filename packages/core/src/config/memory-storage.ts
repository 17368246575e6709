// An in-memory KeyValueStorage: each instance owns its own map, so two storages never share anything.
import type { KeyValueStorage } from './storage.js';

/** An in-memory storage, plus a synchronous copy of everything it holds. */
export interface MemoryStorage extends KeyValueStorage {
  /** A fresh plain-object copy of the current contents (changing it does not change the storage). */
  snapshot(): Record<string, string>;
}

/**
 * Creates an in-memory storage, optionally seeded with `initial` (copied, never aliased). Useful for tests,
 * Workers and short-lived processes that get their config from an environment variable.
 *
 * @example
 * const storage = createMemoryStorage({ hostname: 'keepersecurity.com' });
 * await storage.getString('hostname'); // 'keepersecurity.com'
 * storage.snapshot(); // { hostname: 'keepersecurity.com' }
 */
export function createMemoryStorage(initial: Readonly<Record<string, string>> = {}): MemoryStorage {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(initial)) {
    if (typeof value === 'string') values.set(key, value);
  }
  return {
    getString: async (key) => values.get(key),
    saveString: async (key, value) => {
      values.set(key, value);
    },
    delete: async (key) => {
      values.delete(key);
    },
    snapshot: () => Object.fromEntries(values),
  };
}
