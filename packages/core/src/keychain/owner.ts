// Owner side of the key chain: what the vault owner's admin tool encrypts before the server stores it (§3.7).

import { cbcEncrypt } from '../crypto/aes-cbc.js';
import { gcmEncrypt } from '../crypto/aes-gcm.js';
import { type AesKeyInput, generateAesKey } from '../crypto/aes-key.js';
import { computeClientId } from '../crypto/client-id.js';
import { base64UrlEncode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import type { AppData, FileMetadata, FolderData, RecordData } from '../record/types.js';

/** A new one-time access token and what the server must store for it (spec §2.3, §10). */
export interface OneTimeToken {
  /** The token text handed to the user: url base64 of `clientKey`, 43 characters, no region prefix. */
  readonly token: string;
  /** The 32 token bytes. */
  readonly clientKey: Uint8Array<ArrayBuffer>;
  /** std b64 HMAC-SHA512(clientKey, tag): the server's lookup key for the device. */
  readonly clientId: string;
  /** GCM(clientKey, appKey), 60 bytes; returned once at binding (std b64 in `encryptedAppKey`). */
  readonly encryptedAppKey: Uint8Array<ArrayBuffer>;
}

/**
 * Creates a one-time token for an application: random token bytes, its `clientId`, and the app key wrapped
 * under the token so that the server never sees either.
 *
 * @example
 * const { token, clientId, encryptedAppKey } = await createOneTimeToken(appKey);
 */
export async function createOneTimeToken(appKey: Uint8Array<ArrayBuffer>): Promise<OneTimeToken> {
  const clientKey = generateAesKey();
  const [clientId, encryptedAppKey] = await Promise.all([computeClientId(clientKey), wrapKey(clientKey, appKey)]);
  return { token: base64UrlEncode(clientKey), clientKey, clientId, encryptedAppKey };
}

/**
 * Wraps a 32-byte key with AES-256-GCM: an app key under a token, a shared folder key or a directly shared
 * record key under the app key, a record key under a shared folder key, a file key under a record key.
 *
 * @example
 * const folderKeyField = base64Encode(await wrapKey(appKey, sharedFolderKey));
 */
export function wrapKey(wrappingKey: AesKeyInput, key: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(wrappingKey, key);
}

/**
 * Wraps a sub-folder key with AES-256-CBC under its ROOT shared folder's key (never the direct parent's).
 *
 * @example
 * const sharedFolderKey = base64UrlEncode(await wrapSubFolderKey(rootKey, newFolderKey));
 */
export function wrapSubFolderKey(
  rootSharedFolderKey: AesKeyInput,
  subFolderKey: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return cbcEncrypt(rootSharedFolderKey, subFolderKey);
}

/** JSON text of a plaintext document as UTF-8 bytes. */
function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8Encode(JSON.stringify(value));
}

/**
 * Encrypts a record's JSON (GCM under its record key).
 *
 * @example
 * const data = base64Encode(await encryptRecordData(recordKey, { title: 'DB', type: 'login', fields: [] }));
 */
export function encryptRecordData(recordKey: AesKeyInput, data: RecordData): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(recordKey, jsonBytes(data));
}

/**
 * Encrypts folder data `{"name":…}` (CBC under the folder's own key, root shared folders included).
 *
 * @example
 * const data = base64Encode(await encryptFolderData(folderKey, { name: 'Production' }));
 */
export function encryptFolderData(folderKey: AesKeyInput, data: FolderData): Promise<Uint8Array<ArrayBuffer>> {
  return cbcEncrypt(folderKey, jsonBytes(data));
}

/**
 * Encrypts application data `{"title","type"}` (GCM under the app key; sent as url base64).
 *
 * @example
 * const appData = base64UrlEncode(await encryptAppData(appKey, { title: 'CI', type: 'app' }));
 */
export function encryptAppData(appKey: AesKeyInput, data: AppData): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(appKey, jsonBytes(data));
}

/**
 * Encrypts file metadata JSON (GCM under the file key).
 *
 * @example
 * const data = base64Encode(await encryptFileMetadata(fileKey, { name: 'a.txt', size: 3, title: 'A' }));
 */
export function encryptFileMetadata(fileKey: AesKeyInput, metadata: FileMetadata): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(fileKey, jsonBytes(metadata));
}

/**
 * Encrypts file content or a thumbnail (GCM under the file key); the result is what the download URL serves.
 *
 * @example
 * const blob = await encryptFileContent(fileKey, utf8Encode('hello'));
 */
export function encryptFileContent(
  fileKey: AesKeyInput,
  content: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(fileKey, content);
}
