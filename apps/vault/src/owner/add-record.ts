// Admin operation `record add`: encrypt a new record (and its files) into a folder or outside any folder.
import { encryptRecordData, generateAesKey, generateRecordUid, publicEncrypt, wrapKey } from '@ksmkit/core';
import { insertRecord } from '../store/records.js';
import { findFolder } from './keys.js';
import { type FileInput, insertPreparedFiles, newFileUids, prepareFiles } from './record-files.js';
import { addFileRefs, type RecordInput, toRecordData } from './record-input.js';
import { resolveFolder } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** Inputs of `addRecord`. */
export interface AddRecordInput {
  readonly record: RecordInput;
  /** Folder UID, name or path; omitted = a record reachable only through direct shares. */
  readonly folder?: string;
  readonly files?: readonly FileInput[];
}

/** The record that was created. */
export interface AddRecordResult {
  readonly uid: string;
  readonly revision: number;
  readonly folderUid: string | null;
  readonly innerFolderUid: string | null;
  readonly fileUids: readonly string[];
}

/**
 * Creates a record: new record key; `folder_wrapped_key = GCM(rootFolderKey, recordKey)` when in a folder;
 * `owner_wrapped_key = ECIES(ownerPublicKey, recordKey)`; data `GCM(recordKey, JSON)`; files attached.
 *
 * @example
 * await addRecord(session, { folder: 'Production', record: { type: 'login', title: 'DB', fields: { password: 'x' } } });
 */
export async function addRecord(session: OwnerSession, input: AddRecordInput): Promise<AddRecordResult> {
  const files = input.files ?? [];
  const fileUids = newFileUids(files);
  const data = addFileRefs(toRecordData(input.record), fileUids);
  const folder = input.folder === undefined ? undefined : await resolveFolder(session, input.folder);
  const root = folder === undefined ? undefined : await findFolder(session, folder.rootUid);
  const uid = generateRecordUid();
  const key = generateAesKey();
  const [folderWrappedKey, ownerWrappedKey, encrypted, prepared] = await Promise.all([
    root === undefined ? null : wrapKey(root.key, key),
    publicEncrypt(key, session.keys.ownerPublicKey),
    encryptRecordData(key, data),
    prepareFiles(session, key, files, fileUids),
  ]);
  const folderUid = root?.uid ?? null;
  const innerFolderUid = folder !== undefined && folder.parentUid !== null ? folder.uid : null;
  session.records.set(uid, { uid, title: data.title, key, folderUid });
  write(session, () => {
    insertRecord(session.db, { uid, folderUid, innerFolderUid, folderWrappedKey, ownerWrappedKey, data: encrypted });
    insertPreparedFiles(session, uid, prepared);
  });
  return { uid, revision: 1, folderUid, innerFolderUid, fileUids };
}
