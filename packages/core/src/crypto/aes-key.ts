// Importing 32-byte AES-256 keys as non-extractable CryptoKeys, and the two-mode key KSM uses for folders.
import { KsmError } from '../errors.js';
import { OpaqueAesKey, opaqueKeyBytes } from './opaque-aes-key.js';
import { randomBytes } from './random.js';

/** A key the key chain hands out: a non-extractable CryptoKey (WebCrypto) or an opaque handle (cipher backend). */
export type AesKey = CryptoKey | OpaqueAesKey;

/** An AES-256 key: an imported CryptoKey, an opaque handle, or the 32 raw bytes (imported on use). */
export type AesKeyInput = AesKey | Uint8Array<ArrayBuffer>;

/** The two AES modes of the protocol: GCM everywhere, CBC for the folder sub-system (spec §3.2). */
export type AesMode = 'AES-GCM' | 'AES-CBC';

/**
 * A folder key for each mode it is used with: GCM to wrap record keys (shared folders) and CBC for folder data
 * and sub-folder keys (spec §3.2, §3.7). Both halves are the same 32 secret bytes: two non-extractable CryptoKeys,
 * or one `OpaqueAesKey` (opened by a cipher backend) that imports itself per mode on use.
 */
export interface FolderKey {
  readonly gcm: AesKey;
  readonly cbc: AesKey;
}

const USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/**
 * Imports 32 raw bytes as a non-extractable AES key usable to encrypt and decrypt in one mode.
 * Throws `ERR_INVALID_KEY` when the key is not 32 bytes long.
 *
 * @example
 * const appKey = await importAesKey(base64Decode(config.appKey));
 */
export function importAesKey(raw: Uint8Array<ArrayBuffer>, mode: AesMode = 'AES-GCM'): Promise<CryptoKey> {
  if (raw.length !== 32) {
    return Promise.reject(new KsmError('ERR_INVALID_KEY', 'AES keys must be 32 bytes', { length: raw.length }));
  }
  return crypto.subtle.importKey('raw', raw, mode, false, USAGES);
}

/**
 * Imports 32 raw bytes as a folder key (GCM and CBC halves, both non-extractable).
 *
 * @example
 * const folderKey = await importFolderKey(rawFolderKey);
 * await cbcDecrypt(folderKey.cbc, encryptedFolderData);
 */
export async function importFolderKey(
  raw: Uint8Array<ArrayBuffer>,
): Promise<{ readonly gcm: CryptoKey; readonly cbc: CryptoKey }> {
  const [gcm, cbc] = await Promise.all([importAesKey(raw, 'AES-GCM'), importAesKey(raw, 'AES-CBC')]);
  return { gcm, cbc };
}

/**
 * A fresh random 32-byte AES-256 key (app, record, folder, file and transmission keys are all made this way).
 *
 * @example
 * const recordKey = generateAesKey();
 */
export function generateAesKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(32);
}

/**
 * Returns `key` as a CryptoKey for `mode`, importing raw bytes on the fly (internal; not re-exported).
 *
 * @example
 * const cryptoKey = await toAesCryptoKey(key, 'AES-GCM');
 */
export function toAesCryptoKey(key: AesKeyInput, mode: AesMode): Promise<CryptoKey> | CryptoKey {
  if (key instanceof Uint8Array) return importAesKey(key, mode);
  if (key instanceof OpaqueAesKey) return importOpaqueKey(key, mode);
  if (key.algorithm.name !== mode) {
    throw new KsmError('ERR_INVALID_KEY', `Expected an ${mode} key`, { algorithm: key.algorithm.name });
  }
  return key;
}

/** CryptoKeys imported from opaque handles, per handle and mode, so a record key is imported at most once a mode. */
const IMPORTED = new WeakMap<OpaqueAesKey, Partial<Record<AesMode, Promise<CryptoKey>>>>();

function importOpaqueKey(key: OpaqueAesKey, mode: AesMode): Promise<CryptoKey> {
  let byMode = IMPORTED.get(key);
  if (byMode === undefined) {
    byMode = {};
    IMPORTED.set(key, byMode);
  }
  byMode[mode] ??= importAesKey(opaqueKeyBytes(key), mode);
  return byMode[mode];
}
