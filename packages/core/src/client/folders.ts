// Folders: get_folders, create_folder, update_folder and delete_folder (spec §5.2, §5.7).
import { generateAesKey } from '../crypto/aes-key.js';
import { base64UrlEncode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import { type DecryptedFolder, decryptFolders } from '../keychain/decrypt-folders.js';
import { encryptFolderData, wrapSubFolderKey } from '../keychain/owner.js';
import type { SkippedItem } from '../keychain/skipped.js';
import { generateRecordUid } from '../uid.js';
import { type DeleteResult, deleteResults } from './delete-results.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/** What `getFolders` returns: every folder the app can see, keys attached. */
export interface FoldersResult {
  readonly folders: DecryptedFolder[];
  readonly skipped: SkippedItem[];
  readonly stale: boolean;
}

/**
 * Calls get_folders and decrypts names and keys (binding the device first when needed).
 *
 * @example
 * const { folders } = await getFolders(ksm);
 */
export async function getFolders(session: KsmSession, options: Signal = {}): Promise<FoldersResult> {
  const core = sessionCore(session);
  await core.boundConfig(options.signal);
  const { json, config, stale } = await core.read('get_folders', {}, options.signal);
  const { folders, skipped } = await decryptFolders(json, { appKey: config.appKey as Uint8Array<ArrayBuffer> });
  return { folders, skipped, stale };
}

/**
 * A folder and its root shared folder from a get_folders list; throws `ERR_NOT_FOUND` (internal).
 *
 * @example
 * const { folder, root } = locateFolder(folders, uid);
 */
export function locateFolder(
  folders: readonly DecryptedFolder[],
  folderUid: string,
): { folder: DecryptedFolder; root: DecryptedFolder } {
  const byUid = new Map(folders.map((f) => [f.folderUid, f]));
  const folder = byUid.get(folderUid);
  let root = folder;
  for (let steps = 0; root !== undefined && root.parentUid !== null && steps <= byUid.size; steps++) {
    root = byUid.get(root.parentUid);
  }
  if (folder === undefined || root === undefined || root.parentUid !== null) {
    throw new KsmError('ERR_NOT_FOUND', 'The folder is not shared with this application', { folderUid });
  }
  return { folder, root };
}

async function folderList(session: KsmSession, given: readonly DecryptedFolder[] | undefined, signal?: AbortSignal) {
  return given ?? (await getFolders(session, { signal })).folders;
}

/** Options of `createFolder`. */
export interface CreateFolderOptions extends Signal {
  /** A root shared folder or a sub-folder to create the folder in. */
  readonly parentUid: string;
  readonly name: string;
  /** A get_folders list to take keys from (saves a round trip); fetched when absent. */
  readonly folders?: readonly DecryptedFolder[] | undefined;
}

/**
 * Creates a sub-folder; its key is CBC-wrapped under the ROOT shared folder key. Returns the new UID.
 *
 * @example
 * const uid = await createFolder(ksm, { parentUid: sharedFolderUid, name: 'Payments' });
 */
export async function createFolder(session: KsmSession, options: CreateFolderOptions): Promise<string> {
  const core = sessionCore(session);
  const { folder, root } = locateFolder(await folderList(session, options.folders, options.signal), options.parentUid);
  const folderKey = generateAesKey();
  const folderUid = generateRecordUid();
  const [sharedFolderKey, data] = await Promise.all([
    wrapSubFolderKey(root.folderKey.cbc, folderKey),
    encryptFolderData(folderKey, { name: options.name }),
  ]);
  await core.write(
    'create_folder',
    {
      folderUid,
      sharedFolderUid: root.folderUid,
      sharedFolderKey: base64UrlEncode(sharedFolderKey),
      data: base64UrlEncode(data),
      ...(folder === root ? {} : { parentUid: folder.folderUid }),
    },
    options.signal,
  );
  return folderUid;
}

/**
 * Renames a folder. Pass the folder from `getFolders` (its key is attached) or its UID (fetched).
 *
 * @example
 * await updateFolder(ksm, folder, 'Payments (EU)');
 */
export async function updateFolder(
  session: KsmSession,
  folder: DecryptedFolder | string,
  name: string,
  options: Signal = {},
): Promise<void> {
  const core = sessionCore(session);
  const target =
    typeof folder === 'string'
      ? locateFolder(await folderList(session, undefined, options.signal), folder).folder
      : folder;
  const data = await encryptFolderData(target.folderKey.cbc, { name });
  await core.write('update_folder', { folderUid: target.folderUid, data: base64UrlEncode(data) }, options.signal);
}

/**
 * Deletes folders; without `force` the server refuses non-empty ones. Returns one result per folder.
 *
 * @example
 * const [result] = await deleteFolders(ksm, [uid], { force: true });
 */
export async function deleteFolders(
  session: KsmSession,
  folderUids: readonly string[],
  options: Signal & { readonly force?: boolean | undefined } = {},
): Promise<DeleteResult[]> {
  const core = sessionCore(session);
  await core.boundConfig(options.signal);
  const json = await core.write(
    'delete_folder',
    { folderUids: [...folderUids], forceDeletion: options.force === true },
    options.signal,
  );
  return deleteResults(json, 'folders', 'folderUid', folderUids);
}
