// One Durable Object per device config: the only place that calls KSM. It coalesces concurrent misses,
// keeps each record for the TTL (so KSM sees one call per TTL however many isolates ask) and backs off
// when KSM throttles.

import { DurableObject } from 'cloudflare:workers';
import { createMemoryStorage, isKsmError, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { createSession, getSecrets, type KsmSession } from '@ksmkit/core/session';
import { type CachedRecord, toCachedRecord } from './cached-record.js';
import type { EdgeEnv } from './env.js';

/** What `KsmGateway.load` returns (a plain object: it crosses the RPC boundary). */
export type GatewayResult =
  | { readonly ok: true; readonly record: CachedRecord | null; readonly fetchedAt: number }
  | {
      readonly ok: false;
      readonly code:
        | 'ERR_UPSTREAM_THROTTLED'
        | 'ERR_UPSTREAM_UNAVAILABLE'
        | 'ERR_UPSTREAM_REJECTED'
        | 'ERR_NOT_CONFIGURED';
      /** Seconds until KSM may be asked again (throttling). */
      readonly retryAfter?: number;
      /** The core error code behind it (no values). */
      readonly ksmCode?: string;
    };

/** How fresh a caller needs the record. */
export interface LoadOptions {
  /** Serve the remembered record when younger than this. */
  readonly maxAgeMs: number;
  /** Remember "no such record" this long. */
  readonly negativeTtlMs: number;
}

/** Thrown by the session's sleep instead of waiting out a throttle inside a request. */
class ThrottleBackoff extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super('KSM throttled the request');
    this.ms = ms;
  }
}

/** Network retries of idempotent reads wait (short); throttle delays (seconds) become a back-off window. */
function sleepOrBackOff(ms: number): Promise<void> {
  if (ms >= 1000) return Promise.reject(new ThrottleBackoff(ms));
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function upstreamFailure(error: unknown): GatewayResult {
  if (error instanceof ThrottleBackoff) {
    return { ok: false, code: 'ERR_UPSTREAM_THROTTLED', retryAfter: Math.ceil(error.ms / 1000) };
  }
  if (isKsmError(error, 'ERR_THROTTLED')) return { ok: false, code: 'ERR_UPSTREAM_THROTTLED', retryAfter: 60 };
  if (isKsmError(error, 'ERR_NETWORK') || isKsmError(error, 'ERR_TIMEOUT') || isKsmError(error, 'ERR_SERVER')) {
    return { ok: false, code: 'ERR_UPSTREAM_UNAVAILABLE', ksmCode: error.code };
  }
  if (isKsmError(error, 'ERR_INVALID_CONFIG') || isKsmError(error, 'ERR_INVALID_BASE64')) {
    return { ok: false, code: 'ERR_NOT_CONFIGURED', ksmCode: error.code };
  }
  return { ok: false, code: 'ERR_UPSTREAM_REJECTED', ksmCode: isKsmError(error) ? error.code : 'unknown' };
}

/**
 * The per-device-config gateway to KSM.
 *
 * @example
 * const gateway = env.KSM_GATEWAY.get(env.KSM_GATEWAY.idFromName(configId));
 * const result = await gateway.load(uid, { maxAgeMs: 300_000, negativeTtlMs: 30_000 });
 */
export class KsmGateway extends DurableObject<EdgeEnv> {
  #session: Promise<KsmSession> | null = null;
  readonly #memo = new Map<string, { record: CachedRecord | null; fetchedAt: number }>();
  readonly #inflight = new Map<string, Promise<GatewayResult>>();
  #blockedUntil = 0;
  #upstreamCalls = 0;

  #ksm(): Promise<KsmSession> {
    this.#session ??= (async () => {
      const storage = createMemoryStorage();
      await writeDeviceConfig(storage, await parseDeviceConfig(this.env.KSM_CONFIG));
      return createSession({ storage, sleep: sleepOrBackOff, timeoutMs: 10_000 });
    })();
    this.#session.catch(() => {
      this.#session = null;
    });
    return this.#session;
  }

  /** The record `uid` (null when the app cannot see it), from memory when fresh enough, else from KSM. */
  async load(uid: string, options: LoadOptions): Promise<GatewayResult> {
    const now = Date.now();
    const memo = this.#memo.get(uid);
    if (memo !== undefined) {
      const limit = memo.record === null ? options.negativeTtlMs : options.maxAgeMs;
      if (now - memo.fetchedAt < limit) return { ok: true, ...memo };
    }
    if (now < this.#blockedUntil) {
      return { ok: false, code: 'ERR_UPSTREAM_THROTTLED', retryAfter: Math.ceil((this.#blockedUntil - now) / 1000) };
    }
    let shared = this.#inflight.get(uid);
    if (shared === undefined) {
      shared = this.#fetch(uid).finally(() => this.#inflight.delete(uid));
      this.#inflight.set(uid, shared);
    }
    return shared;
  }

  /** Upstream calls made since this object started (tests and `/v1/health` diagnostics). */
  stats(): { upstreamCalls: number; remembered: number } {
    return { upstreamCalls: this.#upstreamCalls, remembered: this.#memo.size };
  }

  async #fetch(uid: string): Promise<GatewayResult> {
    if (!this.env.KSM_CONFIG) return { ok: false, code: 'ERR_NOT_CONFIGURED' };
    try {
      const ksm = await this.#ksm();
      this.#upstreamCalls += 1;
      const { records } = await getSecrets(ksm, { uids: [uid] });
      const found = records.find((record) => record.recordUid === uid);
      const entry = { record: found === undefined ? null : toCachedRecord(found), fetchedAt: Date.now() };
      this.#memo.set(uid, entry);
      return { ok: true, ...entry };
    } catch (error) {
      const failure = upstreamFailure(error);
      if (!failure.ok && failure.retryAfter !== undefined) this.#blockedUntil = Date.now() + failure.retryAfter * 1000;
      return failure;
    }
  }
}
