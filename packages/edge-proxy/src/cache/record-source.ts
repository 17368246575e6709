// Records for a request: the sealed per-colo cache first, then the device's gateway Durable Object; refresh
// ahead of expiry in the background, and serve stale (marked) while KSM is down or throttling.
import { bytesToHex, utf8Encode } from '@ksmkit/core';
import type { CachedRecord } from '../cached-record.js';
import type { EdgeEnv, EdgeSettings } from '../env.js';
import { EdgeError } from '../errors.js';
import type { GatewayResult } from '../gateway.js';
import { entryUrl, readEntry, writeEntry } from './sealed-cache.js';

/** How a record was served: `stale` went past its TTL because KSM was unavailable. */
export type CacheStatus = 'hit' | 'miss' | 'refresh' | 'stale';

/** What loading a record needs from the request. */
export interface RecordSourceContext {
  readonly env: EdgeEnv;
  readonly settings: EdgeSettings;
  readonly waitUntil: (promise: Promise<unknown>) => void;
  readonly cache: Cache;
}

/** Refresh in the background once an entry has lived this fraction of its TTL. */
const REFRESH_AHEAD = 0.8;

const configIds = new Map<string, Promise<string>>();
/** Misses in flight in this isolate: concurrent requests for one record share one gateway call and one store. */
const inflight = new Map<string, Promise<GatewayResult>>();

/**
 * A stable, non-secret id of the device config (SHA-256 prefix): names its Durable Object and cache entries.
 *
 * @example
 * const id = await configIdOf(env.KSM_CONFIG);
 */
export function configIdOf(config: string): Promise<string> {
  let id = configIds.get(config);
  if (id === undefined) {
    id = crypto.subtle
      .digest('SHA-256', utf8Encode(config))
      .then((digest) => bytesToHex(new Uint8Array(digest).subarray(0, 16)));
    configIds.set(config, id);
  }
  return id;
}

function gatewayError(failure: Extract<GatewayResult, { ok: false }>): EdgeError {
  const details: Record<string, string> = failure.ksmCode === undefined ? {} : { ksmCode: failure.ksmCode };
  switch (failure.code) {
    case 'ERR_UPSTREAM_THROTTLED':
      return new EdgeError('ERR_UPSTREAM_THROTTLED', 503, 'KSM is throttling this application; retry later', details, {
        retryAfter: failure.retryAfter ?? 60,
      });
    case 'ERR_UPSTREAM_UNAVAILABLE':
      return new EdgeError(
        'ERR_UPSTREAM_UNAVAILABLE',
        503,
        'KSM is unreachable and nothing cached can be served',
        details,
        {
          retryAfter: 5,
        },
      );
    case 'ERR_NOT_CONFIGURED':
      return new EdgeError('ERR_NOT_CONFIGURED', 500, 'KSM_CONFIG is missing or is not a valid device config', details);
    default:
      return new EdgeError('ERR_UPSTREAM_REJECTED', 502, "KSM rejected the proxy's request", details);
  }
}

async function gatewayLoad(rc: RecordSourceContext, uid: string, maxAgeMs: number): Promise<GatewayResult> {
  if (!rc.env.KSM_CONFIG) return { ok: false, code: 'ERR_NOT_CONFIGURED' };
  const configId = await configIdOf(rc.env.KSM_CONFIG);
  const gateway = rc.env.KSM_GATEWAY.get(rc.env.KSM_GATEWAY.idFromName(configId));
  return gateway.load(uid, { maxAgeMs, negativeTtlMs: rc.settings.negativeTtlMs });
}

async function store(rc: RecordSourceContext, url: string, result: Extract<GatewayResult, { ok: true }>) {
  const lifetime = result.record === null ? rc.settings.negativeTtlMs : rc.settings.ttlMs + rc.settings.staleMs;
  const remaining = lifetime - (Date.now() - result.fetchedAt);
  if (remaining <= 0) return;
  await writeEntry(rc.cache, rc.env.CACHE_KEY, url, { record: result.record, fetchedAt: result.fetchedAt }, remaining);
}

/**
 * The record `uid` (null when the application cannot see it) and how it was served.
 *
 * @example
 * const { record, cache } = await loadRecord(rc, '76Ohu96GJYJrvVR51zdrzQ');
 */
export async function loadRecord(
  rc: RecordSourceContext,
  uid: string,
): Promise<{ record: CachedRecord | null; cache: CacheStatus }> {
  const { ttlMs, staleMs, negativeTtlMs } = rc.settings;
  const url = entryUrl(await configIdOf(rc.env.KSM_CONFIG ?? ''), uid);
  const entry = await readEntry(rc.cache, rc.env.CACHE_KEY, url);
  const age = entry === undefined ? Number.POSITIVE_INFINITY : Date.now() - entry.fetchedAt;
  if (entry !== undefined && age < (entry.record === null ? negativeTtlMs : ttlMs)) {
    if (entry.record !== null && age >= ttlMs * REFRESH_AHEAD) {
      rc.waitUntil(
        gatewayLoad(rc, uid, ttlMs * REFRESH_AHEAD).then((result) => (result.ok ? store(rc, url, result) : undefined)),
      );
      return { record: entry.record, cache: 'refresh' };
    }
    return { record: entry.record, cache: 'hit' };
  }
  let shared = inflight.get(url);
  if (shared === undefined) {
    const load = gatewayLoad(rc, uid, ttlMs).then(async (result) => {
      if (result.ok) await store(rc, url, result);
      return result;
    });
    shared = load.finally(() => inflight.delete(url));
    inflight.set(url, shared);
  }
  const result = await shared;
  if (result.ok) return { record: result.record, cache: 'miss' };
  const available = result.code === 'ERR_UPSTREAM_THROTTLED' || result.code === 'ERR_UPSTREAM_UNAVAILABLE';
  if (available && entry?.record != null && age < ttlMs + staleMs) return { record: entry.record, cache: 'stale' };
  throw gatewayError(result);
}
