// delete_folder (spec §5.7): deletes sub-folders of editable shares; non-empty ones only with forceDeletion.
import { countRecordsInFolderTree, deleteFolderTree, listFolderTree } from '../store/folders.js';
import { folderAccess } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalBoolean, optionalStringArray } from './payload.js';

/** One entry of a delete_folder response. */
export interface FolderDeleteResult {
  readonly folderUid: string;
  readonly responseCode: string;
  readonly errorMessage: string | null;
}

/**
 * Handles delete_folder. Codes per folder: `ok`, `not_found`, `access_denied` (read-only share or a shared
 * folder itself, which only the owner removes) and `folder_not_empty` (without `forceDeletion`). Forced
 * deletion removes the sub-tree with its records. One transaction.
 *
 * @example
 * const { folders, records } = deleteFolder(scope, auth);
 */
export function deleteFolder(
  scope: RequestScope,
  auth: Authenticated,
): { folders: FolderDeleteResult[]; records: never[] } {
  const uids = optionalStringArray(auth.payload, 'folderUids');
  if (uids === undefined) throw protocolError('bad_request', 400, 'Field folderUids is required');
  const force = optionalBoolean(auth.payload, 'forceDeletion');
  const db = scope.ctx.db;
  const folders: FolderDeleteResult[] = [];
  db.transaction(() => {
    for (const folderUid of uids) {
      const folder = folderAccess(db, scope.appUid, folderUid);
      const result = (responseCode: string, errorMessage: string | null) =>
        folders.push({ folderUid, responseCode, errorMessage });
      if (folder === undefined) {
        result('not_found', 'The folder is not shared with this application');
        continue;
      }
      if (!folder.editable || folder.parentUid === null) {
        result('access_denied', 'The folder is read-only for this application or is a shared folder');
        continue;
      }
      const tree = listFolderTree(db, folderUid);
      if (!force && (tree.length > 1 || countRecordsInFolderTree(db, folderUid) > 0)) {
        result('folder_not_empty', 'The folder is not empty; pass forceDeletion to delete it with its content');
        continue;
      }
      deleteFolderTree(db, folderUid);
      result('ok', null);
    }
  }).immediate();
  return { folders, records: [] };
}
