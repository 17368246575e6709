// A per-client token bucket: `perMinute` calls a minute, refilled continuously.

/** Takes one request from a client's bucket. */
export interface RateLimiter {
  /** 0 when allowed; otherwise the seconds to wait. */
  take(clientId: string): number;
}

/**
 * A limiter allowing bursts up to `perMinute`; 0 or less disables it.
 *
 * @example
 * const wait = createRateLimiter(120).take(client.id); // 0: go on
 */
export function createRateLimiter(perMinute: number, clock: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(clientId) {
      if (perMinute <= 0) return 0;
      const now = clock();
      const bucket = buckets.get(clientId) ?? { tokens: perMinute, at: now };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(clientId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    },
  };
}
