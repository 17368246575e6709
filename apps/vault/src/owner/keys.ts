// Unwrapping with the owner keys: app, folder and record keys (and their names) from cache or database.
import {
  cbcDecrypt,
  gcmDecrypt,
  parseAppData,
  parseFolderData,
  parseRecordData,
  publicDecrypt,
  type RecordData,
} from '@ksmkit/core';
import { getApp, listApps } from '../store/apps.js';
import { isVaultError, VaultError } from '../store/errors.js';
import { getFolder, listAllFolders } from '../store/folders.js';
import { getRecord, listAllRecords, type RecordRow } from '../store/records.js';
import type { KnownApp, KnownFolder, KnownRecord, OwnerSession } from './session.js';

/**
 * The app with this UID, its key unwrapped with the owner key; undefined when unknown.
 *
 * @example
 * const app = await findApp(session, appUid);
 */
export async function findApp(session: OwnerSession, uid: string): Promise<KnownApp | undefined> {
  const cached = session.apps.get(uid);
  if (cached !== undefined) return cached;
  const row = getApp(session.db, uid);
  if (row === undefined) return undefined;
  const key = await gcmDecrypt(session.keys.ownerKey, row.ownerAppKey);
  const known: KnownApp = { uid, key, title: parseAppData(await gcmDecrypt(key, row.appData)).title };
  session.apps.set(uid, known);
  return known;
}

/**
 * The folder with this UID, its key unwrapped (owner copy, else CBC under its root key); undefined when unknown.
 *
 * @example
 * const folder = await findFolder(session, folderUid);
 */
export async function findFolder(session: OwnerSession, uid: string): Promise<KnownFolder | undefined> {
  const cached = session.folders.get(uid);
  if (cached !== undefined) return cached;
  const row = getFolder(session.db, uid);
  if (row === undefined) return undefined;
  let key: Uint8Array<ArrayBuffer>;
  if (row.ownerKey !== null) {
    key = await gcmDecrypt(session.keys.ownerKey, row.ownerKey);
  } else {
    const root = await findFolder(session, row.rootUid);
    if (root === undefined || row.rootWrappedKey === null) {
      throw new VaultError('ERR_INVALID_FILE', `Folder ${uid} has no usable key in the database`, { folder: uid });
    }
    key = await cbcDecrypt(root.key, row.rootWrappedKey);
  }
  const name = parseFolderData(await cbcDecrypt(key, row.data)).name;
  const known: KnownFolder = { uid, name, parentUid: row.parentUid, rootUid: row.rootUid, key };
  session.folders.set(uid, known);
  return known;
}

/** A record decrypted with the owner private key. */
export interface OpenedRecord extends KnownRecord {
  readonly row: RecordRow | undefined;
  readonly data: RecordData;
}

/**
 * The record with this UID decrypted (its ECIES owner copy works for records devices created too).
 *
 * @example
 * const { data, key, row } = await openRecord(session, recordUid);
 */
export async function openRecord(session: OwnerSession, uid: string): Promise<OpenedRecord | undefined> {
  const row = getRecord(session.db, uid);
  if (row === undefined) return undefined;
  let key: Uint8Array<ArrayBuffer>;
  let data: RecordData;
  try {
    key = await publicDecrypt(row.ownerWrappedKey, session.keys.ownerPrivateKey);
  } catch (error) {
    throw unreadable(
      session,
      uid,
      "its owner copy of the record key is not encrypted to this vault's owner key",
      error,
    );
  }
  try {
    data = parseRecordData(await gcmDecrypt(key, row.data));
  } catch (error) {
    throw unreadable(session, uid, 'its data does not decrypt with its record key or is not a record', error);
  }
  const known: KnownRecord = { uid, key, title: data.title, folderUid: row.folderUid };
  session.records.set(uid, known);
  return { ...known, row, data };
}

function unreadable(session: OwnerSession, uid: string, reason: string, cause: unknown): VaultError {
  session.unreadable.set(uid, reason);
  return new VaultError(
    'ERR_RECORD_UNREADABLE',
    `Record ${uid} cannot be opened: ${reason}; remove it with \`ksmkit-vault record remove ${uid}\``,
    { uid, reason },
    { cause },
  );
}

/**
 * The record key of a record (session cache first, for records created in the current batch).
 *
 * @example
 * const { key } = await findRecordKey(session, recordUid);
 */
export async function findRecordKey(session: OwnerSession, uid: string): Promise<KnownRecord | undefined> {
  return session.records.get(uid) ?? (await openRecord(session, uid));
}

/**
 * Every app known to the database and the session (batch-created ones included).
 *
 * @example
 * const titles = (await allApps(session)).map((a) => a.title);
 */
export async function allApps(session: OwnerSession): Promise<KnownApp[]> {
  const fromDb = await Promise.all(listApps(session.db).map((row) => findApp(session, row.uid)));
  return unique([...fromDb, ...session.apps.values()]);
}

/**
 * Every folder known to the database and the session, each after its parent.
 *
 * @example
 * const names = (await allFolders(session)).map((f) => f.name);
 */
export async function allFolders(session: OwnerSession): Promise<KnownFolder[]> {
  const fromDb: (KnownFolder | undefined)[] = [];
  for (const row of listAllFolders(session.db)) fromDb.push(await findFolder(session, row.uid));
  return unique([...fromDb, ...session.folders.values()]);
}

/**
 * Every record known to the database and the session (title and key only).
 *
 * @example
 * const titles = (await allRecordKeys(session)).map((r) => r.title);
 */
export async function allRecordKeys(session: OwnerSession): Promise<KnownRecord[]> {
  // A record the owner cannot open (noted in session.unreadable) must not hide the others.
  const fromDb = await Promise.all(
    listAllRecords(session.db).map((row) =>
      findRecordKey(session, row.uid).catch((error: unknown) => {
        if (isVaultError(error, 'ERR_RECORD_UNREADABLE')) return undefined;
        throw error;
      }),
    ),
  );
  return unique([...fromDb, ...session.records.values()]);
}

/**
 * The path of a folder from its root: `Production/Payments`.
 *
 * @example
 * await folderPath(session, subFolderUid); // 'Production/Payments'
 */
export async function folderPath(session: OwnerSession, uid: string): Promise<string> {
  const names: string[] = [];
  let current = await findFolder(session, uid);
  while (current !== undefined) {
    names.unshift(current.name);
    current = current.parentUid === null ? undefined : await findFolder(session, current.parentUid);
  }
  return names.join('/');
}

function unique<T extends { uid: string }>(items: (T | undefined)[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (item !== undefined && !seen.has(item.uid)) seen.set(item.uid, item);
  return [...seen.values()];
}
