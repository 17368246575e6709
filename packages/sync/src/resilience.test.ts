// Retries honour Retry-After and back off with jitter; the token bucket spaces requests.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, parseRetryAfter, withRetry } from './resilience.js';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('waits the server hint, backs off exponentially otherwise, and gives up after the attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new Error('busy');
      },
      () => ({ reason: 'throttled', retryAfterMs: calls === 1 ? 3000 : undefined }),
      { attempts: 4, baseDelayMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) },
    );
    await expect(failing).rejects.toThrow('busy');
    expect(calls).toBe(4);
    expect(waits).toEqual([3025, 200, 400]);
  });

  it('does not retry what the classifier refuses', async () => {
    let calls = 0;
    const refused = withRetry(
      async () => {
        calls++;
        throw new Error('bad input');
      },
      () => null,
    );
    await expect(refused).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });
});

describe('createRateLimiter', () => {
  it('lets a burst through and then spaces requests at the rate', async () => {
    const limiter = createRateLimiter({ perSecond: 20, burst: 2 });
    const start = Date.now();
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(Date.now() - start).toBeGreaterThanOrEqual(90);
  });
});
