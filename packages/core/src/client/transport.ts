// One KSM API call with its retries (spec §4): fresh envelope per attempt, key rotation, throttling, network errors.
import { readDeviceConfig, updateDeviceConfig } from '../config/config-storage.js';
import type { DeviceConfig } from '../config/device-config.js';
import { apiBaseUrl } from '../config/hostname.js';
import { KEEPER_SERVER_PUBLIC_KEYS, resolveServerKey } from '../config/server-keys.js';
import type { KeyValueStorage } from '../config/storage.js';
import type { CipherBackend } from '../crypto/cipher-backend.js';
import { isKsmError, KsmError } from '../errors.js';
import { buildRequest, decryptResponse } from '../keychain/request-envelope.js';
import type { KeyMemo } from './key-memo.js';
import { isThrottled, parseServerError, serverError } from './server-error.js';
import type { TransmissionPool } from './transmission-pool.js';

/** A `fetch`-compatible function (the global one, a test double, or a Node transport that trusts a CA). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<FetchResponse>;

/** What the client reads of an HTTP response: its status and whole body (a fetch `Response` has both). */
export interface FetchResponse {
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What every call needs; one per client, never shared between clients. */
export interface TransportContext {
  readonly storage: KeyValueStorage;
  readonly fetch: FetchFunction;
  readonly sleep: (ms: number) => Promise<void>;
  readonly timeoutMs: number;
  readonly clientVersion: string;
  /** Uniform [0, 1) for throttle jitter. */
  readonly random: () => number;
  /** The device's ECDSA key from its PKCS#8 (imported once while the config keeps the same key). */
  readonly signingKey: KeyMemo;
  /** The server's ECDH public key from its 65 bytes (imported once while the key id stays the same). */
  readonly serverKey: KeyMemo;
  /** Transmission keys sealed ahead of time, one request at a time. */
  readonly transmissions: TransmissionPool;
  /** Opens response bodies and records when set (see `ClientOptions.cipher`). */
  readonly cipher?: CipherBackend | undefined;
}

/** Options of one call. */
export interface PostOptions {
  /** Extra request fields; a function is re-evaluated with the current config on every attempt. */
  readonly fields: Record<string, unknown> | ((config: DeviceConfig) => Record<string, unknown>);
  /** Reads (get_secret, get_folders) may be retried after a network error; writes never are. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** A decrypted 200 response and the config it was made with. */
export interface PostResult {
  readonly json: unknown;
  readonly config: DeviceConfig;
}

const MAX_THROTTLE_RETRIES = 5;
const MAX_KEY_ROTATIONS = 3;
const NETWORK_RETRIES = 2;

/** The signal of one attempt and the call that releases its timer once the attempt has settled. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  readonly done: () => void;
}

/**
 * Combines the per-attempt timeout with the caller's signal. The timer holds the controller strongly (Node 20 can
 * collect an `AbortSignal.any(AbortSignal.timeout())` no one references, and the request then never times out),
 * and `done()` clears it so no timer outlives the attempt.
 *
 * @example
 * const attempt = attemptSignal(30_000, callerSignal);
 * try { await fetch(url, { signal: attempt.signal }) } finally { attempt.done() }
 */
export function attemptSignal(timeoutMs: number, caller?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`The request timed out after ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  const onCallerAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Turns a fetch rejection into ERR_TIMEOUT / ERR_NETWORK; a caller's own abort is rethrown as is.
 *
 * @example
 * try { await fetch(url, init) } catch (e) { throw networkError(e, 'get_secret', signal) }
 */
export function networkError(error: unknown, endpoint: string, callerSignal?: AbortSignal): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  if (isKsmError(error)) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new KsmError('ERR_TIMEOUT', `The KSM request ${endpoint} timed out`, { endpoint }, { cause: error });
  }
  return new KsmError(
    'ERR_NETWORK',
    `The KSM server could not be reached (${endpoint})`,
    { endpoint },
    { cause: error },
  );
}

/**
 * §4.5 delay of 0-based retry `attempt`: retry_after when > 0, else 11 × 2ⁿ s; then ±25 % jitter.
 *
 * @example
 * throttleDelayMs(1, null, () => 0.5) // 22_000
 */
export function throttleDelayMs(attempt: number, retryAfter: number | null, random: () => number): number {
  const base = retryAfter !== null && retryAfter > 0 ? retryAfter * 1000 : 11_000 * 2 ** attempt;
  return Math.round(base * (1 + (random() * 0.5 - 0.25)));
}

/**
 * POSTs one KSM request and returns its decrypted JSON (null for an empty body). Success is exactly 200.
 * Retries: `key` errors store the suggested id and retry (at most 3; fatal with a custom server key), throttled
 * 403s back off per §4.5 (at most 5), network errors and timeouts of idempotent calls (at most 2).
 *
 * @example
 * const { json } = await postKsm(ctx, 'get_folders', { fields: {}, idempotent: true });
 */
export async function postKsm(ctx: TransportContext, endpoint: string, options: PostOptions): Promise<PostResult> {
  let throttles = 0;
  let rotations = 0;
  let networkFailures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const config = await readDeviceConfig(ctx.storage);
    const serverKey = resolveServerKey(config);
    const fields = typeof options.fields === 'function' ? options.fields(config) : options.fields;
    const serverPublicKey = await ctx.serverKey(serverKey.publicKey);
    const request = await buildRequest({
      payload: { clientVersion: ctx.clientVersion, clientId: config.clientId, ...fields },
      serverPublicKey,
      serverPublicKeyId: serverKey.id,
      signingKey: await ctx.signingKey(config.privateKey),
      transmission: await ctx.transmissions.take(serverPublicKey),
    });
    let response: FetchResponse;
    let body: Uint8Array<ArrayBuffer>;
    options.signal?.throwIfAborted(); // the caller may have given up while the request was being built
    const attempt = attemptSignal(ctx.timeoutMs, options.signal);
    try {
      const sent = ctx.fetch(`${apiBaseUrl(config.hostname)}${endpoint}`, {
        method: 'POST',
        headers: {
          PublicKeyId: request.publicKeyId,
          TransmissionKey: request.transmissionKeyHeader,
          Authorization: request.authorizationHeader,
          'Content-Type': 'application/octet-stream',
        },
        body: request.body,
        signal: attempt.signal,
      });
      ctx.transmissions.prepare(serverPublicKey); // seals the next request's key while this one is on the wire
      response = await sent;
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      attempt.done();
      const mapped = networkError(error, endpoint, options.signal);
      // A TLS failure (ERR_TLS, from the Node fetch) will not heal by itself: no retry.
      if (options.idempotent && isKsmError(mapped) && mapped.code !== 'ERR_TLS' && networkFailures < NETWORK_RETRIES) {
        await ctx.sleep(250 * 2 ** networkFailures);
        networkFailures += 1;
        continue;
      }
      throw mapped;
    }
    attempt.done();
    if (response.status === 200) {
      const key = ctx.cipher === undefined ? request.responseKey : request.transmissionKey;
      return { json: await decryptResponse(key, body, ctx.cipher), config };
    }

    const parsed = parseServerError(new TextDecoder().decode(body));
    if (isThrottled(response.status, parsed)) {
      if (throttles >= MAX_THROTTLE_RETRIES) throw serverError(endpoint, response.status, parsed);
      await ctx.sleep(throttleDelayMs(throttles, parsed.retryAfter, ctx.random));
      throttles += 1;
      continue;
    }
    if (parsed.error === 'key' && parsed.keyId !== null) {
      const usable = config.serverPublicKey === undefined && Object.hasOwn(KEEPER_SERVER_PUBLIC_KEYS, parsed.keyId);
      if (!usable || rotations >= MAX_KEY_ROTATIONS) {
        throw new KsmError('ERR_SERVER_KEY_REJECTED', 'The KSM server rejected the configured server public key', {
          endpoint,
          keyId: serverKey.id,
          suggestedKeyId: parsed.keyId,
          customKey: config.serverPublicKey !== undefined,
        });
      }
      await updateDeviceConfig(ctx.storage, { serverPublicKeyId: parsed.keyId });
      rotations += 1;
      continue;
    }
    throw serverError(endpoint, response.status, parsed);
  }
}
