// Seals the next transmission key while a request is on the wire, so the next request only encrypts and signs.
import { sealTransmissionKey, type Transmission } from '../keychain/request-envelope.js';

/** One prepared transmission at a time, for the server key it was sealed to; each is handed out once. */
export interface TransmissionPool {
  /** The prepared transmission for `serverKey` if there is one, else a fresh one; never the same one twice. */
  take(serverKey: CryptoKey): Promise<Transmission>;
  /** Starts sealing the next transmission for `serverKey` unless one is already prepared for it. */
  prepare(serverKey: CryptoKey): void;
}

/**
 * Creates a pool. A client calls `prepare` once a request is sent, so the ECIES work of the next request (key
 * generation, ECDH, SHA-256, two imports) overlaps the network wait instead of adding to the next call's latency.
 *
 * @example
 * const pool = createTransmissionPool();
 * const transmission = await pool.take(serverKey);
 * const sent = fetch(url, init);
 * pool.prepare(serverKey);
 */
export function createTransmissionPool(): TransmissionPool {
  let next: { readonly serverKey: CryptoKey; readonly transmission: Promise<Transmission> } | null = null;
  return {
    take(serverKey) {
      const prepared = next !== null && next.serverKey === serverKey ? next.transmission : null;
      next = null;
      return prepared ?? sealTransmissionKey(serverKey);
    },
    prepare(serverKey) {
      if (next !== null && next.serverKey === serverKey) return;
      const transmission = sealTransmissionKey(serverKey);
      // a failure shows when the transmission is taken; until then it must not be an unhandled rejection
      transmission.catch(() => undefined);
      next = { serverKey, transmission };
    },
  };
}
