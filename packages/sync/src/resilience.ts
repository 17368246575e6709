// Per-provider token bucket, and retries with Retry-After and jittered exponential back-off for throttling and 5xx.

/** A token bucket: `take()` resolves when a request may go. */
export interface RateLimiter {
  take(): Promise<void>;
}

/** Options of `withRetry`. */
export interface RetryOptions {
  readonly limiter?: RateLimiter | undefined;
  /** Attempts in all; default 8. */
  readonly attempts?: number;
  /** First back-off; default 200 ms, doubling, capped at `maxDelayMs` (default 20 s), full jitter. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Called before each wait (for counting and progress). */
  readonly onRetry?: ((delayMs: number, reason: string) => void) | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  readonly random?: (() => number) | undefined;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket of `burst` tokens refilled at `perSecond`.
 *
 * @example
 * const limiter = createRateLimiter({ perSecond: 10, burst: 20 });
 * await limiter.take();
 */
export function createRateLimiter(
  options: { readonly perSecond: number; readonly burst: number },
  now: () => number = Date.now,
): RateLimiter {
  let tokens = options.burst;
  let last = now();
  let queue = Promise.resolve();
  const refill = () => {
    const at = now();
    tokens = Math.min(options.burst, tokens + ((at - last) / 1000) * options.perSecond);
    last = at;
  };
  return {
    take() {
      const turn = queue.then(async () => {
        refill();
        while (tokens < 1) {
          await wait(Math.ceil(((1 - tokens) / options.perSecond) * 1000));
          refill();
        }
        tokens -= 1;
      });
      queue = turn;
      return turn;
    },
  };
}

/** Why an error may be retried and after how long the server asked (ms), or null when it must not be retried. */
export interface Retryable {
  readonly reason: string;
  readonly retryAfterMs?: number | undefined;
}

/**
 * Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds.
 *
 * @example
 * parseRetryAfter('2'); // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Runs `operation`, waiting for the limiter before each attempt and retrying what `classify` calls retryable:
 * the server's Retry-After when it sent one, else jittered exponential back-off.
 *
 * @example
 * await withRetry(() => client.send(command), classifyAwsError, { limiter });
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  classify: (error: unknown) => Retryable | null,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    await options.limiter?.take();
    try {
      return await operation();
    } catch (error) {
      const retryable = classify(error);
      if (retryable === null || attempt >= attempts) throw error;
      const backoff = Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));
      const delay =
        retryable.retryAfterMs !== undefined ? Math.min(cap, retryable.retryAfterMs) + backoff / 4 : backoff;
      options.onRetry?.(delay, retryable.reason);
      await (options.sleep ?? wait)(delay);
    }
  }
}
