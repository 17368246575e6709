// The Worker's bindings: secrets from `wrangler secret put`, tuning vars from wrangler.jsonc, DOs and KV.

import type { KsmGateway } from './gateway.js';
import type { CallerRateLimiter } from './rate-limiter.js';

/** Bindings of the edge proxy Worker (see wrangler.jsonc and `ksmkit-edge setup`). */
export interface EdgeEnv {
  /** The KSM device config, base64 as `ksm profile export` prints it (a bound config). Secret. */
  readonly KSM_CONFIG: string;
  /** HS256 key of caller tokens (at least 32 bytes of text). Secret. */
  readonly TOKEN_SECRET: string;
  /** AES-256-GCM key of the cache, base64 of 32 bytes. Secret. */
  readonly CACHE_KEY: string;
  readonly CACHE_TTL_SECONDS?: string;
  readonly STALE_IF_ERROR_SECONDS?: string;
  readonly NEGATIVE_TTL_SECONDS?: string;
  readonly RATE_LIMIT_PER_MINUTE?: string;
  readonly MAX_BODY_BYTES?: string;
  /** "true" lets inject mode call http:// destinations (local development and tests only). */
  readonly ALLOW_HTTP_FORWARD?: string;
  readonly KSM_GATEWAY: DurableObjectNamespace<KsmGateway>;
  readonly RATE_LIMITER: DurableObjectNamespace<CallerRateLimiter>;
  readonly REVOCATIONS: KVNamespace;
}

/** Tuning read from the vars, with defaults. */
export interface EdgeSettings {
  readonly ttlMs: number;
  readonly staleMs: number;
  readonly negativeTtlMs: number;
  readonly ratePerMinute: number;
  readonly maxBodyBytes: number;
  readonly allowHttp: boolean;
}

function positive(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * The settings of `env` (vars as strings, defaults for missing or malformed ones).
 *
 * @example
 * const { ttlMs } = settingsOf(env);
 */
export function settingsOf(env: EdgeEnv): EdgeSettings {
  return {
    ttlMs: positive(env.CACHE_TTL_SECONDS, 300) * 1000,
    staleMs: positive(env.STALE_IF_ERROR_SECONDS, 86_400) * 1000,
    negativeTtlMs: positive(env.NEGATIVE_TTL_SECONDS, 30) * 1000,
    ratePerMinute: positive(env.RATE_LIMIT_PER_MINUTE, 600),
    maxBodyBytes: positive(env.MAX_BODY_BYTES, 1_048_576),
    allowHttp: env.ALLOW_HTTP_FORWARD === 'true',
  };
}
