// The private state of one client: its transport context, caches, binding lock and the read/write pipelines.
import { readDeviceConfig, updateDeviceConfig } from '../config/config-storage.js';
import type { DeviceConfig } from '../config/device-config.js';
import type { KeyValueStorage } from '../config/storage.js';
import type { CipherBackend } from '../crypto/cipher-backend.js';
import { importEcdhPublicKey, importSigningKey, publicKeyFromPkcs8 } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { isKsmError, KsmError } from '../errors.js';
import { decryptSecrets } from '../keychain/decrypt-secrets.js';
import { createKeyMemo } from './key-memo.js';
import { createMemoryCache, type MemoryCache, type MemoryCacheOptions } from './memory-cache.js';
import { loadOffline, type OfflineCacheStorage, saveOffline } from './offline-cache.js';
import { createTransmissionPool } from './transmission-pool.js';
import { type FetchFunction, postKsm, type TransportContext } from './transport.js';

/** Options of `createClient`. Only `storage` is required. */
export interface ClientOptions {
  /** Where the device config lives (see `initializeConfig`); binding and key rotation write to it. */
  readonly storage: KeyValueStorage;
  /** Default: `globalThis.fetch`. */
  readonly fetch?: FetchFunction | undefined;
  /** Milliseconds since the epoch; default `Date.now`. Drives cache TTLs and TOTP codes. */
  readonly clock?: (() => number) | undefined;
  /** Waits between retries; default a `setTimeout` promise. Tests inject one that records delays. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Per-attempt timeout of every HTTP call, default 30 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** In-memory cache of reads: TTL and coalescing of identical concurrent reads. Off by default. */
  readonly cache?: MemoryCacheOptions | undefined;
  /** Offline fallback for reads: entries encrypted at rest, served (as `stale`) only on network errors. */
  readonly offlineCache?: OfflineCacheStorage | undefined;
  /** Called with the server's warnings (non-empty `warnings` of get_secret). */
  readonly onWarning?: ((warning: string) => void) | undefined;
  /** `clientVersion` sent to the server; default `ms17.5.0` (a value Keeper's cloud accepts, spec §8.3). */
  readonly clientVersion?: string | undefined;
  /** Uniform [0, 1) random source for throttle jitter; default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /**
   * A synchronous AES-GCM backend for opening records (Node: `nodeCipher` from `@ksmkit/config`, about 4× faster
   * there); record and file keys then come back as `OpaqueAesKey` handles. Default: WebCrypto, non-extractable keys.
   */
  readonly cipher?: CipherBackend | undefined;
}

/** A read result with the config it was made with; `stale` when it came from the offline cache. */
export interface ReadResult {
  readonly json: unknown;
  readonly config: DeviceConfig;
  readonly stale: boolean;
}

/** The internals shared by the client's operations (not exported from the package). */
export interface ClientCore {
  readonly ctx: TransportContext;
  readonly clock: () => number;
  readonly onWarning: ((warning: string) => void) | undefined;
  /** A bound config: binds the device first (§5.1) when it has no app key yet. */
  boundConfig(signal?: AbortSignal): Promise<DeviceConfig & { appKey: Uint8Array<ArrayBuffer> }>;
  /** An idempotent call through the memory cache and the offline fallback. */
  read(endpoint: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<ReadResult>;
  /** A write (never retried on network errors); clears the memory cache. */
  write(endpoint: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
}

/** `shared` as seen by one caller: rejects with the caller's abort reason without cancelling the shared work. */
function withSignal<T>(shared: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) return shared;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Builds a client's internals from its options (internal).
 *
 * @example
 * const core = createClientCore({ storage });
 */
export function createClientCore(options: ClientOptions): ClientCore {
  const ctx: TransportContext = {
    storage: options.storage,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    sleep: options.sleep ?? defaultSleep,
    timeoutMs: options.timeoutMs ?? 30_000,
    clientVersion: options.clientVersion ?? 'ms17.5.0',
    random: options.random ?? Math.random,
    signingKey: createKeyMemo(importSigningKey),
    serverKey: createKeyMemo(importEcdhPublicKey),
    transmissions: createTransmissionPool(),
    cipher: options.cipher,
  };
  const clock = options.clock ?? Date.now;
  const cache: MemoryCache | null = options.cache === undefined ? null : createMemoryCache(options.cache, clock);
  const offline = options.offlineCache;
  let binding: Promise<void> | null = null;

  async function bind(): Promise<void> {
    const config = await readDeviceConfig(ctx.storage);
    if (config.appKey !== undefined) return;
    if (config.clientKey === undefined) {
      throw new KsmError('ERR_INVALID_CONFIG', 'The device config has neither an app key nor a one-time token', {
        key: 'clientKey',
      });
    }
    const publicKey = base64Encode(await publicKeyFromPkcs8(config.privateKey));
    let json: unknown;
    try {
      ({ json } = await postKsm(ctx, 'get_secret', { fields: { publicKey }, idempotent: false }));
    } catch (error) {
      // While binding, a plain access_denied means the token is unknown or was already used by another device.
      if (!isKsmError(error, 'ERR_ACCESS_DENIED')) throw error;
      const message = 'The one-time access token was rejected (unknown, or already used by another device)';
      throw new KsmError('ERR_TOKEN_REJECTED', message, error.details, { cause: error });
    }
    const secrets = await decryptSecrets(json, { clientKey: config.clientKey }, { cipher: ctx.cipher });
    if (secrets.appKey === null) {
      throw new KsmError('ERR_SERVER', 'The binding response carried no application key', { endpoint: 'get_secret' });
    }
    await updateDeviceConfig(ctx.storage, {
      appKey: secrets.appKey,
      clientKey: null,
      ...(secrets.appOwnerPublicKey === null ? {} : { appOwnerPublicKey: base64Decode(secrets.appOwnerPublicKey) }),
    });
  }

  async function boundConfig(signal?: AbortSignal) {
    let config = await readDeviceConfig(ctx.storage);
    if (config.appKey === undefined) {
      // One binding per client: concurrent first calls share it (a caller's abort only stops its own wait).
      binding ??= bind().finally(() => {
        binding = null;
      });
      await withSignal(binding, signal);
      config = await readDeviceConfig(ctx.storage);
    }
    return config as DeviceConfig & { appKey: Uint8Array<ArrayBuffer> };
  }

  async function readThrough(endpoint: string, fields: Record<string, unknown>, signal?: AbortSignal) {
    const request = `${endpoint} ${JSON.stringify(fields)}`;
    try {
      const result = await postKsm(ctx, endpoint, { fields, idempotent: true, signal });
      if (offline !== undefined && result.config.appKey !== undefined) {
        await saveOffline(offline, result.config.appKey, result.config.clientId, request, result.json);
      }
      return { ...result, stale: false };
    } catch (error) {
      if (offline === undefined || !(isKsmError(error, 'ERR_NETWORK') || isKsmError(error, 'ERR_TIMEOUT'))) throw error;
      const config = await readDeviceConfig(ctx.storage);
      if (config.appKey === undefined) throw error;
      const json = await loadOffline(offline, config.appKey, config.clientId, request);
      if (json === undefined) throw error;
      return { json, config, stale: true };
    }
  }

  return {
    ctx,
    clock,
    onWarning: options.onWarning,
    boundConfig,
    read(endpoint, fields, signal) {
      if (cache === null) return readThrough(endpoint, fields, signal);
      // The shared load runs without any one caller's signal, so one caller's abort never fails the others.
      const shared = cache.get(`${endpoint} ${JSON.stringify(fields)}`, () => readThrough(endpoint, fields));
      return withSignal(shared, signal);
    },
    async write(endpoint, fields, signal) {
      try {
        const { json } = await postKsm(ctx, endpoint, { fields, idempotent: false, signal });
        return json;
      } finally {
        cache?.clear();
      }
    },
  };
}
