// Remembers the last key imported from the same bytes: the config is re-read on every attempt, its keys rarely change.
import { timingSafeEqual } from '../encoding/bytes.js';

/** An importer that returns the same CryptoKey promise while it is asked for the same bytes. */
export type KeyMemo = (bytes: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>;

/**
 * Wraps `importKey` so repeated requests with an unchanged device key or server key skip the import (a PKCS#8
 * import costs about 1 ms on Node 20). Bytes are compared in constant time; a failed import is not remembered.
 *
 * @example
 * const signingKeyFor = createKeyMemo(importSigningKey);
 * const signingKey = await signingKeyFor(config.privateKey);
 */
export function createKeyMemo(importKey: (bytes: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>): KeyMemo {
  let last: { readonly bytes: Uint8Array<ArrayBuffer>; readonly key: Promise<CryptoKey> } | null = null;
  return (bytes) => {
    if (last !== null && timingSafeEqual(last.bytes, bytes)) return last.key;
    const key = importKey(bytes);
    const entry = { bytes: bytes.slice(), key };
    last = entry;
    key.catch(() => {
      if (last === entry) last = null;
    });
    return key;
  };
}
