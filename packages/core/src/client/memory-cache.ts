// Optional in-memory response cache of a client: TTL entries and single-flight coalescing of identical reads.

/** Options of the in-memory cache. */
export interface MemoryCacheOptions {
  /** How long a successful response is reused, in ms; 0 only coalesces concurrent identical requests. */
  readonly ttlMs: number;
}

/** A per-client cache of read results, keyed by endpoint and request fields. */
export interface MemoryCache {
  /** The cached or in-flight value for `key`, or the result of `load` (shared by concurrent callers). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Drops every entry (called after each write). */
  clear(): void;
}

interface Entry {
  readonly value: Promise<unknown>;
  /** Expiry in clock ms; Infinity while in flight. */
  expiresAt: number;
}

/**
 * Creates a cache. Concurrent `get`s with the same key share one `load`; a fulfilled value is kept `ttlMs`,
 * a rejection is never kept. `clock` is the client's injected clock.
 *
 * @example
 * const cache = createMemoryCache({ ttlMs: 5_000 }, Date.now);
 * const json = await cache.get('get_secret {}', () => post());
 */
export function createMemoryCache(options: MemoryCacheOptions, clock: () => number): MemoryCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const now = clock();
      const existing = entries.get(key);
      if (existing !== undefined && existing.expiresAt > now) return existing.value as Promise<T>;
      const started = generation;
      const entry: Entry = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
      entries.set(key, entry);
      entry.value.then(
        () => {
          if (entries.get(key) !== entry) return;
          if (options.ttlMs > 0 && started === generation) entry.expiresAt = clock() + options.ttlMs;
          else entries.delete(key);
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.value as Promise<T>;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
