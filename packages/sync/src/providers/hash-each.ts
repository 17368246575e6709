// Reads each name's current value (one read per name, eight at a time) and hashes it; missing values are left out.
import type { Hasher } from '../hash.js';
import { mapLimit } from '../map-limit.js';

/**
 * Hashes of the values `read` returns for `names`.
 *
 * @example
 * return hashEach(names, hash, async (name) => (await access(name))?.bytes);
 */
export async function hashEach(
  names: readonly string[],
  hash: Hasher,
  read: (name: string) => Promise<Uint8Array | undefined>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await mapLimit(names, 8, async (name) => {
    const bytes = await read(name);
    if (bytes !== undefined) out.set(name, hash(name, bytes));
  });
  return out;
}
