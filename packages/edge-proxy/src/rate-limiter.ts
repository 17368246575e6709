// Per-caller rate limits: a token bucket in one Durable Object per caller (`sub`), refilled continuously.
import { DurableObject } from 'cloudflare:workers';
import type { EdgeEnv } from './env.js';

/** The outcome of taking one token. */
export interface RateDecision {
  readonly ok: boolean;
  /** Whole seconds until a token is available (0 when ok). */
  readonly retryAfter: number;
}

/**
 * A token bucket of `perMinute` tokens refilled at `perMinute / 60` per second.
 *
 * @example
 * const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(caller.sub));
 * const { ok, retryAfter } = await limiter.take(600);
 */
export class CallerRateLimiter extends DurableObject<EdgeEnv> {
  #tokens = -1;
  #updatedAt = 0;

  /** Takes one token from a bucket of `perMinute` capacity. */
  take(perMinute: number): RateDecision {
    if (perMinute <= 0) return { ok: true, retryAfter: 0 };
    const now = Date.now();
    const rate = perMinute / 60_000;
    this.#tokens = this.#tokens < 0 ? perMinute : Math.min(perMinute, this.#tokens + (now - this.#updatedAt) * rate);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { ok: true, retryAfter: 0 };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - this.#tokens) / rate / 1000)) };
  }
}
