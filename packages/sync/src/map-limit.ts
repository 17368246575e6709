// Runs an async function over items with at most `limit` in flight.

/**
 * Maps `items` through `fn` with bounded concurrency, keeping order.
 *
 * @example
 * const sizes = await mapLimit(names, 8, (name) => describe(name));
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
