// What every request handler needs: the database, the server's keys, the throttle, the clock and URL signing.
import type { Database } from '../store/open-database.js';
import type { ReplayCache } from './replay-cache.js';
import type { Throttle } from './throttle.js';

/** Shared, long-lived state of one running server. */
export interface ServerContext {
  readonly db: Database;
  /** The server's transmission private key (ECDH CryptoKey). */
  readonly serverPrivateKey: CryptoKey;
  /** The app owner's public key (65 bytes), returned as `appOwnerPublicKey` at binding. */
  readonly ownerPublicKey: Uint8Array<ArrayBuffer>;
  /** HMAC-SHA256 key that signs file upload/download capabilities (derived from the server key). */
  readonly urlSigningKey: Uint8Array;
  readonly throttle: Throttle;
  /** Transmission keys seen recently: a replayed request is refused. */
  readonly replay: ReplayCache;
  /** Milliseconds since the epoch (tests may move it). */
  readonly now: () => number;
  /** How long file URLs and upload credentials stay valid, in seconds. */
  readonly fileUrlTtlSeconds: number;
  /** Largest accepted upload (encrypted bytes). */
  readonly maxUploadBytes: number;
}

/** What a handler gets for one authenticated request. */
export interface RequestScope {
  readonly ctx: ServerContext;
  readonly appUid: string;
  readonly clientId: string;
  /** Origin used in file URLs, e.g. `https://127.0.0.1:8443`. */
  readonly origin: string;
  /** The device's access expiry (ms) or null. */
  readonly accessExpiresAt: number | null;
}
