// A KeyValueStorage that loads its backing file once and writes every change through in one atomic save.
import type { KeyValueStorage } from '@ksmkit/core';

/** Changes to apply at once: a string sets a key, `undefined` removes it. */
export type StorageChanges = Readonly<Record<string, string | undefined>>;

/** The file a write-through storage sits on. */
export interface StorageBackend {
  /** Reads the current keys (a missing file or section reads as empty). */
  load(): Promise<Record<string, string>>;
  /** Re-reads, applies `changes`, saves atomically, and returns the keys now stored. */
  write(changes: StorageChanges): Promise<Record<string, string>>;
}

/** A storage with the batched `update` of core's `KeyValueStorage`. */
export interface WriteThroughStorage extends KeyValueStorage {
  update(changes: StorageChanges): Promise<void>;
}

/**
 * Wraps a backend: the first read loads the file and later reads are served from memory; each write (one key, or
 * all of `update` at once, as binding does) re-reads the file, so keys other processes wrote are kept, and saves
 * it in one atomic write. A failed load is retried on the next read.
 *
 * @example
 * const storage = createWriteThroughStorage({ load: () => readKeys(path), write: (changes) => writeKeys(path, changes) });
 */
export function createWriteThroughStorage(backend: StorageBackend): WriteThroughStorage {
  let loaded: Promise<Record<string, string>> | undefined;
  function current(): Promise<Record<string, string>> {
    loaded ??= backend.load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  }
  async function update(changes: StorageChanges): Promise<void> {
    const next = await backend.write(changes);
    loaded = Promise.resolve(next);
  }
  return {
    getString: async (key) => (await current())[key],
    saveString: (key, value) => update({ [key]: value }),
    delete: (key) => update({ [key]: undefined }),
    update,
  };
}
