// Device side of get_secret: app key → shared folder keys → record keys → record JSON, file keys → metadata.
import { gcmDecrypt } from '../crypto/aes-gcm.js';
import { importAesKey, importFolderKey } from '../crypto/aes-key.js';
import type { CipherBackend } from '../crypto/cipher-backend.js';
import { OpaqueAesKey } from '../crypto/opaque-aes-key.js';
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import type { AppData } from '../record/types.js';
import { arrayOrEmpty, isObject, openBlob, requireStrings, stringOrNull, type WrappingKey } from './open-blobs.js';
import { openRecords, type RecordJob } from './open-records.js';
import type { DecryptedRecord, DecryptedSharedFolder } from './record-types.js';
import { type SkippedItem, skipCode } from './skipped.js';

/** Everything a get_secret response decrypts to. Duplicated record UIDs are kept (no de-duplication here). */
export interface DecryptedSecrets {
  /** Direct shares first, then the records of each shared folder, in response order. */
  readonly records: DecryptedRecord[];
  readonly folders: DecryptedSharedFolder[];
  readonly appData: AppData | null;
  /** Set only when this response bound the device: the app key to store in the config (then drop clientKey). */
  readonly appKey: Uint8Array<ArrayBuffer> | null;
  /** `appOwnerPublicKey` verbatim (std base64), binding responses only. */
  readonly appOwnerPublicKey: string | null;
  /** Expiry in ms since the epoch; null when the app does not expire. */
  readonly expiresOn: number | null;
  readonly warnings: string[];
  readonly extra: Record<string, unknown> | null;
  /** Items that failed to decrypt or were malformed; the rest of the response is still returned. */
  readonly skipped: SkippedItem[];
}

/** The keys a device holds: the app key once bound; the client key (token bytes) while binding. */
export interface DeviceKeys {
  readonly appKey?: Uint8Array<ArrayBuffer> | null;
  readonly clientKey?: Uint8Array<ArrayBuffer> | null;
}

/** Options of `decryptSecrets`. */
export interface DecryptSecretsOptions {
  /** Opens records and files with this synchronous backend (keys become `OpaqueAesKey`); default WebCrypto. */
  readonly cipher?: CipherBackend | undefined;
}

/**
 * Decrypts the JSON of a get_secret response. Items that fail are listed in `skipped`, never thrown; only a
 * missing or undecryptable app key throws (`ERR_INVALID_KEY`, `ERR_DECRYPT_FAILED`), and so does an app key that
 * opens none of the items wrapped by it (`ERR_APP_KEY_INVALID`). Records are opened in
 * bursts (all record keys, then all imports, then all data, then files) to keep WebCrypto busy, or in one
 * synchronous pass when `options.cipher` is given.
 *
 * @example
 * const secrets = await decryptSecrets(await decryptResponse(request.responseKey, body), { appKey });
 * for (const record of secrets.records) console.log(record.data.title);
 */
export async function decryptSecrets(
  response: unknown,
  keys: DeviceKeys,
  options: DecryptSecretsOptions = {},
): Promise<DecryptedSecrets> {
  if (!isObject(response)) throw new KsmError('ERR_INVALID_INPUT', 'A get_secret response must be a JSON object');
  const skipped: SkippedItem[] = [];
  const { appKeyBytes, boundAppKey } = await resolveAppKey(response, keys, skipped);
  const cipher = options.cipher;
  // with a backend nothing below touches WebCrypto: no key is imported
  const appKey: WrappingKey = { key: cipher === undefined ? await importAesKey(appKeyBytes) : null, raw: appKeyBytes };

  const folderEntries = arrayOrEmpty(response.folders);
  const appDataPromise = openAppData(appKey, response.appData, skipped, cipher);
  const opened = await Promise.all(folderEntries.map((entry) => openSharedFolder(appKey, entry, skipped, cipher)));
  const folderKeys = new Map<string, WrappingKey>();
  for (const folder of opened) if (folder !== null) folderKeys.set(folder.folder.folderUid, folder.wrappingKey);

  const jobs: RecordJob[] = [];
  for (const entry of arrayOrEmpty(response.records)) {
    // KSM-753 (§5.1.6): a top-level record naming a returned folder may be wrapped by that folder's key.
    const inner = isObject(entry) ? stringOrNull(entry.innerFolderUid) : null;
    jobs.push({
      entry,
      wrappingKey: appKey,
      folderUid: null,
      fallback: inner === null ? undefined : folderKeys.get(inner),
    });
  }
  folderEntries.forEach((entry, i) => {
    const folder = opened[i];
    if (!isObject(entry) || !folder) return;
    for (const record of arrayOrEmpty(entry.records)) {
      jobs.push({ entry: record, wrappingKey: folder.wrappingKey, folderUid: folder.folder.folderUid });
    }
  });
  const records = await openRecords(jobs, skipped, cipher);
  const folders = opened.filter((f) => f !== null).map((f) => f.folder);

  checkAppKeyOpened(skipped, response, jobs.length - countFolderRecords(folderEntries, opened));

  const expiresOn = typeof response.expiresOn === 'number' && response.expiresOn > 0 ? response.expiresOn : null;
  return {
    records: records.filter((r): r is DecryptedRecord => r !== null),
    folders,
    appData: await appDataPromise,
    appKey: boundAppKey,
    appOwnerPublicKey: boundAppKey === null ? null : stringOrNull(response.appOwnerPublicKey),
    expiresOn,
    warnings: arrayOrEmpty(response.warnings).filter((w): w is string => typeof w === 'string'),
    extra: isObject(response.extra) ? response.extra : null,
    skipped,
  };
}

function countFolderRecords(entries: readonly unknown[], opened: readonly (object | null)[]): number {
  return entries.reduce<number>(
    (n, entry, i) => n + (isObject(entry) && opened[i] ? arrayOrEmpty(entry.records).length : 0),
    0,
  );
}

/**
 * Throws `ERR_APP_KEY_INVALID` when something was wrapped by the app key (app data, folder keys, direct records)
 * and not one of those items opened: the config's app key is not this application's (not a damaged item).
 */
function checkAppKeyOpened(skipped: readonly SkippedItem[], response: Record<string, unknown>, direct: number): void {
  const wrapped =
    (typeof response.appData === 'string' && response.appData !== '' ? 1 : 0) +
    arrayOrEmpty(response.folders).length +
    direct;
  const failed = skipped.filter(
    (item) =>
      item.code === 'ERR_DECRYPT_FAILED' &&
      (item.kind === 'appData' || item.kind === 'folder' || (item.kind === 'record' && item.parentUid === null)),
  ).length;
  if (wrapped > 0 && failed === wrapped) {
    throw new KsmError(
      'ERR_APP_KEY_INVALID',
      "The app key in this device config does not open the application's data (wrong or foreign appKey); " +
        'initialise the profile again from a new one-time token',
      { items: wrapped },
    );
  }
}

async function resolveAppKey(
  response: Record<string, unknown>,
  keys: DeviceKeys,
  skipped: SkippedItem[],
): Promise<{ appKeyBytes: Uint8Array<ArrayBuffer>; boundAppKey: Uint8Array<ArrayBuffer> | null }> {
  const encryptedAppKey = response.encryptedAppKey;
  if (typeof encryptedAppKey === 'string' && encryptedAppKey !== '') {
    if (keys.clientKey) {
      const appKey = await gcmDecrypt(keys.clientKey, base64Decode(encryptedAppKey));
      return { appKeyBytes: appKey, boundAppKey: appKey };
    }
    // Not binding (no client key): keep going with the stored app key, but say that the field was ignored.
    skipped.push({ kind: 'appKey', uid: null, parentUid: null, code: 'ERR_INVALID_KEY' });
  }
  if (!keys.appKey) {
    throw new KsmError('ERR_INVALID_KEY', 'An app key, or the client key of a binding response, is required');
  }
  return { appKeyBytes: keys.appKey, boundAppKey: null };
}

async function openAppData(
  appKey: WrappingKey,
  appData: unknown,
  skipped: SkippedItem[],
  cipher: CipherBackend | undefined,
): Promise<AppData | null> {
  if (typeof appData !== 'string' || appData === '') return null;
  try {
    const value: unknown = JSON.parse(utf8Decode(await openBlob(appKey, base64Decode(appData), cipher)));
    if (!isObject(value)) throw new KsmError('ERR_INVALID_RECORD', 'appData is not a JSON object');
    return value as AppData;
  } catch (error) {
    skipped.push({ kind: 'appData', uid: null, parentUid: null, code: skipCode(error) });
    return null;
  }
}

async function openSharedFolder(
  appKey: WrappingKey,
  entry: unknown,
  skipped: SkippedItem[],
  cipher: CipherBackend | undefined,
): Promise<{ folder: DecryptedSharedFolder; wrappingKey: WrappingKey } | null> {
  const folderUid = isObject(entry) ? stringOrNull(entry.folderUid) : null;
  try {
    if (!isObject(entry)) throw new KsmError('ERR_INVALID_RECORD', 'A folder entry must be an object');
    requireStrings(entry, ['folderUid', 'folderKey'], 'folder');
    const raw = await openBlob(appKey, base64Decode(entry.folderKey as string), cipher);
    const isEditable = entry.isEditable === true;
    if (cipher !== undefined) {
      const opaque = new OpaqueAesKey(raw); // one handle serves both modes, imported per mode on use
      return {
        folder: { folderUid: folderUid as string, folderKey: { gcm: opaque, cbc: opaque }, isEditable },
        wrappingKey: { key: null, raw },
      };
    }
    const folderKey = await importFolderKey(raw);
    return {
      folder: { folderUid: folderUid as string, folderKey, isEditable },
      wrappingKey: { key: folderKey.gcm, raw },
    };
  } catch (error) {
    skipped.push({ kind: 'folder', uid: folderUid, parentUid: null, code: skipCode(error) });
    return null;
  }
}
