// The per-colo record cache: entries in the Cache API, sealed with AES-256-GCM under the CACHE_KEY secret
// (the entry's URL is the additional data, so an entry cannot be replayed under another UID).
import { base64Decode, utf8Decode, utf8Encode } from '@ksmkit/core';
import type { CachedRecord } from '../cached-record.js';
import { EdgeError } from '../errors.js';

/** What one cache entry holds (null record: the app cannot see that UID). */
export interface CacheEntry {
  readonly record: CachedRecord | null;
  readonly fetchedAt: number;
}

const keys = new Map<string, Promise<CryptoKey>>();

function cacheKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = (async () => {
      let raw: Uint8Array<ArrayBuffer>;
      try {
        raw = base64Decode(secret) as Uint8Array<ArrayBuffer>;
      } catch {
        raw = new Uint8Array(0);
      }
      if (raw.length !== 32) {
        throw new EdgeError('ERR_NOT_CONFIGURED', 500, 'CACHE_KEY must be base64 of 32 random bytes');
      }
      return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    })();
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

/** The Cache API URL of a record (config id and UID; no secret in it). */
export function entryUrl(configId: string, uid: string): string {
  return `https://ksmkit-edge.internal/v1/${configId}/${encodeURIComponent(uid)}`;
}

/**
 * Reads and opens an entry; a missing, expired or undecryptable entry is `undefined`.
 *
 * @example
 * const entry = await readEntry(caches.default, env.CACHE_KEY, entryUrl(configId, uid));
 */
export async function readEntry(cache: Cache, secret: string, url: string): Promise<CacheEntry | undefined> {
  const response = await cache.match(url);
  if (response === undefined) return undefined;
  const sealed = new Uint8Array(await response.arrayBuffer());
  if (sealed.length < 13) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: utf8Encode(url) },
      await cacheKey(secret),
      sealed.subarray(12),
    );
    return JSON.parse(utf8Decode(new Uint8Array(plain))) as CacheEntry;
  } catch (error) {
    if (error instanceof EdgeError) throw error;
    return undefined; // sealed under a previous key: treat as a miss
  }
}

/**
 * Seals and stores an entry for `maxAgeMs` (the Cache API evicts it after that).
 *
 * @example
 * await writeEntry(caches.default, env.CACHE_KEY, url, { record, fetchedAt }, ttlMs + staleMs);
 */
export async function writeEntry(
  cache: Cache,
  secret: string,
  url: string,
  entry: CacheEntry,
  maxAgeMs: number,
): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8Encode(url) },
    await cacheKey(secret),
    utf8Encode(JSON.stringify(entry)),
  );
  const body = new Uint8Array(12 + sealed.byteLength);
  body.set(iv);
  body.set(new Uint8Array(sealed), 12);
  const seconds = Math.max(1, Math.ceil(maxAgeMs / 1000));
  await cache.put(
    url,
    new Response(body, {
      headers: { 'content-type': 'application/octet-stream', 'cache-control': `max-age=${seconds}` },
    }),
  );
}
