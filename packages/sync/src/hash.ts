// Value hashes written to tags: HMAC-SHA-256 under a key from Keeper when the map names one, else salted SHA-256.
import { createHash, createHmac } from 'node:crypto';

/** Hashes one value for one job and destination name; the result is safe to store in tags and plans. */
export type Hasher = (name: string, bytes: Uint8Array) => string;

/**
 * A hasher for `job`: with `key`, HMAC-SHA-256 (a tag leaks nothing even for short values); without, SHA-256 salted
 * with the job and name. Output: `h1:` plus 43 base64url characters.
 *
 * @example
 * const hash = createHasher('prod');
 * hash('db/password', new TextEncoder().encode('x')); // 'h1:…'
 */
export function createHasher(job: string, key?: Uint8Array): Hasher {
  return (name, bytes) => {
    const digest = key === undefined ? createHash('sha256') : createHmac('sha256', key);
    digest.update(`ksm-sync/v1\0${job}\0${name}\0`);
    digest.update(bytes);
    return `h1:${digest.digest('base64url')}`;
  };
}

/**
 * A short form of a hash for tables.
 *
 * @example
 * shortHash('h1:abcdefghijkl…'); // 'abcdefghij'
 */
export function shortHash(hash: string | undefined): string {
  return hash === undefined ? '-' : hash.slice(3, 13);
}
