// Admin operations on folders: create a root shared folder or a sub-folder (`--parent`), list with names.
import { encryptFolderData, generateAesKey, generateRecordUid, wrapKey, wrapSubFolderKey } from '@ksmkit/core';
import { VaultError } from '../store/errors.js';
import { countRecordsInFolderTree, deleteFolderTree, insertFolder } from '../store/folders.js';
import { listAllRecords } from '../store/records.js';
import { listSharesForTarget } from '../store/shares.js';
import { allFolders, findFolder, folderPath } from './keys.js';
import { resolveFolder } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** A folder as the admin tool lists it. */
export interface FolderSummary {
  readonly uid: string;
  readonly name: string;
  readonly path: string;
  readonly parentUid: string | null;
  readonly rootUid: string;
  readonly records: number;
  /** Apps the (root) folder is shared with: `{ app, editable }`. */
  readonly shares: readonly { readonly appUid: string; readonly editable: boolean }[];
}

/**
 * Creates a folder. Without `parent` it is a root shared folder (owner copy of its key GCM-wrapped); with
 * `parent` a sub-folder whose key is CBC-wrapped under the ROOT shared folder's key. Names are CBC-encrypted.
 *
 * @example
 * const { uid } = await createFolder(session, { name: 'Payments', parent: 'Production' });
 */
export async function createFolder(
  session: OwnerSession,
  input: { readonly name: string; readonly parent?: string },
): Promise<{ uid: string; parentUid: string | null; rootUid: string }> {
  const name = input.name.trim();
  if (name === '')
    throw new VaultError('ERR_INVALID_ARGUMENT', 'A folder needs a name, e.g. `folder create Production`');
  if (name.includes('/')) {
    throw new VaultError('ERR_INVALID_ARGUMENT', `Folder names cannot contain "/" (it separates paths): "${name}"`, {
      folder: name,
    });
  }
  const parent = input.parent === undefined ? undefined : await resolveFolder(session, input.parent);
  const siblings = (await allFolders(session)).filter((f) => f.parentUid === (parent?.uid ?? null) && f.name === name);
  if (siblings.length > 0) {
    throw new VaultError('ERR_CONFLICT', `A folder named "${name}" already exists there`, { folder: name });
  }
  const uid = generateRecordUid();
  const key = generateAesKey();
  const rootUid = parent === undefined ? uid : parent.rootUid;
  const root = parent === undefined ? undefined : await findFolder(session, parent.rootUid);
  if (parent !== undefined && root === undefined) {
    throw new VaultError('ERR_INVALID_FILE', `The root folder of "${parent.name}" is missing`, { folder: parent.uid });
  }
  const [ownerKey, rootWrappedKey, data] = await Promise.all([
    wrapKey(session.keys.ownerKey, key),
    root === undefined ? null : wrapSubFolderKey(root.key, key),
    encryptFolderData(key, { name }),
  ]);
  session.folders.set(uid, { uid, name, parentUid: parent?.uid ?? null, rootUid, key });
  write(session, () =>
    insertFolder(session.db, {
      uid,
      parentUid: parent?.uid ?? null,
      rootUid,
      ownerKey,
      rootWrappedKey,
      data,
      createdAt: Date.now(),
    }),
  );
  return { uid, parentUid: parent?.uid ?? null, rootUid };
}

/**
 * Every folder with its decrypted name, path, record count and (root) shares; parents before children.
 *
 * @example
 * const folders = await listFolderSummaries(session);
 */
export async function listFolderSummaries(session: OwnerSession): Promise<FolderSummary[]> {
  const records = listAllRecords(session.db);
  const result: FolderSummary[] = [];
  for (const folder of await allFolders(session)) {
    const inside = records.filter((record) =>
      folder.parentUid === null
        ? record.folderUid === folder.uid && record.innerFolderUid === null
        : record.innerFolderUid === folder.uid,
    );
    result.push({
      uid: folder.uid,
      name: folder.name,
      path: await folderPath(session, folder.uid),
      parentUid: folder.parentUid,
      rootUid: folder.rootUid,
      records: inside.length,
      shares: listSharesForTarget(session.db, 'folder', folder.rootUid).map((share) => ({
        appUid: share.appUid,
        editable: share.editable,
      })),
    });
  }
  return result;
}

/**
 * Removes a folder with its sub-folders. A folder that still holds records is refused (`ERR_CONFLICT`)
 * unless `force` is set, which deletes those records too.
 *
 * @example
 * await removeFolder(session, 'Staging', { force: true });
 */
export async function removeFolder(
  session: OwnerSession,
  ref: string,
  options: { readonly force?: boolean } = {},
): Promise<{ folderUids: string[]; recordUids: string[] }> {
  const folder = await resolveFolder(session, ref);
  const records = countRecordsInFolderTree(session.db, folder.uid);
  if (records > 0 && options.force !== true) {
    throw new VaultError(
      'ERR_CONFLICT',
      `Folder "${folder.name}" still holds ${records} record(s); add --force to delete them too`,
      {
        folder: folder.uid,
        records,
      },
    );
  }
  let removed = { folderUids: [] as string[], recordUids: [] as string[] };
  write(session, () => {
    removed = deleteFolderTree(session.db, folder.uid);
  });
  for (const uid of removed.folderUids) session.folders.delete(uid);
  for (const uid of removed.recordUids) session.records.delete(uid);
  return removed;
}
