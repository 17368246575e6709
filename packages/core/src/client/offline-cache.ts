// Optional offline fallback of a client: the last good read per request, re-encrypted at rest with an app-key-derived key.
import type { KeyValueStorage } from '../config/storage.js';
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { bytesToHex, utf8Decode, utf8Encode } from '../encoding/bytes.js';

/** Where offline entries live: any KeyValueStorage (memory, a file, a KV namespace); values are ciphertext. */
export type OfflineCacheStorage = KeyValueStorage;

const INFO = utf8Encode('ksmkit offline cache v1');
const PREFIX = 'ksmkit-offline-';

async function entryKey(appKey: Uint8Array<ArrayBuffer>, clientId: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', appKey, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8Encode(clientId), info: INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The storage key of a request: a SHA-256 of endpoint and fields (no request data in the clear). */
async function entryName(clientId: string, request: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8Encode(`${clientId}\n${request}`));
  return PREFIX + bytesToHex(new Uint8Array(digest)).slice(0, 40);
}

/**
 * Stores the decrypted JSON of a successful read, encrypted with AES-GCM under HKDF(appKey, clientId). The
 * transmission key is never stored. Failures to write are ignored (the cache is best effort).
 *
 * @example
 * await saveOffline(storage, appKey, clientId, 'get_secret {}', json);
 */
export async function saveOffline(
  storage: OfflineCacheStorage,
  appKey: Uint8Array<ArrayBuffer>,
  clientId: string,
  request: string,
  json: unknown,
): Promise<void> {
  try {
    const name = await entryName(clientId, request);
    const sealed = await gcmEncrypt(await entryKey(appKey, clientId), utf8Encode(JSON.stringify(json)));
    await storage.saveString(name, base64Encode(sealed));
  } catch {
    // Best effort: a cache that cannot be written must not fail the read that succeeded.
  }
}

/**
 * The JSON stored for `request`, or undefined when there is none or it does not decrypt (other app key).
 *
 * @example
 * const json = await loadOffline(storage, appKey, clientId, 'get_secret {}');
 */
export async function loadOffline(
  storage: OfflineCacheStorage,
  appKey: Uint8Array<ArrayBuffer>,
  clientId: string,
  request: string,
): Promise<unknown> {
  const text = await storage.getString(await entryName(clientId, request));
  if (text === undefined) return undefined;
  try {
    const plain = await gcmDecrypt(await entryKey(appKey, clientId), base64Decode(text));
    return JSON.parse(utf8Decode(plain));
  } catch {
    return undefined;
  }
}
