// Folders through a session: get_folders, and creating, renaming and deleting folders (spec §5.7).
import type { DecryptedFolder } from '../keychain/decrypt-folders.js';
import type { DeleteResult } from './delete-results.js';
import {
  createFolder as addFolder,
  type CreateFolderOptions,
  type FoldersResult,
  getFolders as readFolders,
  deleteFolders as removeFolders,
  updateFolder as renameFolder,
} from './folders.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/**
 * Calls get_folders and decrypts names and keys (binding the device first when needed).
 *
 * @example
 * const { folders } = await getFolders(ksm);
 */
export function getFolders(session: KsmSession, options?: Signal): Promise<FoldersResult> {
  return readFolders(sessionCore(session), options);
}

/**
 * Creates a folder inside a shared folder (or one of its sub-folders); returns the new folder's UID.
 *
 * @example
 * const folderUid = await createFolder(ksm, { parentUid: sharedFolderUid, name: 'Staging' });
 */
export function createFolder(session: KsmSession, options: CreateFolderOptions): Promise<string> {
  return addFolder(sessionCore(session), options);
}

/**
 * Renames a folder (given as a get_folders entry, or by UID).
 *
 * @example
 * await updateFolder(ksm, folderUid, 'Production');
 */
export function updateFolder(
  session: KsmSession,
  folder: DecryptedFolder | string,
  name: string,
  options?: Signal,
): Promise<void> {
  return renameFolder(sessionCore(session), folder, name, options);
}

/**
 * Deletes folders; `force: true` deletes non-empty ones. One result per UID, in order.
 *
 * @example
 * const [result] = await deleteFolders(ksm, [folderUid], { force: true }); // { uid, responseCode: 'ok', … }
 */
export function deleteFolders(
  session: KsmSession,
  folderUids: readonly string[],
  options?: Signal & { readonly force?: boolean | undefined },
): Promise<DeleteResult[]> {
  return removeFolders(sessionCore(session), folderUids, options);
}
