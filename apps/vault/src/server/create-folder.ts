// create_folder (spec §5.7): a sub-folder inside an editable shared folder, its key CBC-wrapped by the root key.
import { getFolder, insertFolder } from '../store/folders.js';
import { requireEditableFolder } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalUid, requiredBytes, requiredUid } from './payload.js';

/**
 * Handles create_folder: `parentUid` null/absent (or the shared folder itself) puts it directly under the
 * shared folder. Empty response.
 *
 * @example
 * createFolder(scope, auth);
 */
export function createFolder(scope: RequestScope, auth: Authenticated): null {
  const { payload } = auth;
  const folderUid = requiredUid(payload, 'folderUid');
  const sharedFolderUid = requiredUid(payload, 'sharedFolderUid');
  const wrappedKey = requiredBytes(payload, 'sharedFolderKey');
  const data = requiredBytes(payload, 'data');
  const parentUid = optionalUid(payload, 'parentUid') ?? sharedFolderUid;
  const db = scope.ctx.db;
  db.transaction(() => {
    const root = requireEditableFolder(db, scope.appUid, sharedFolderUid);
    if (root.rootUid !== root.uid) throw protocolError('bad_request', 400, 'sharedFolderUid must be a shared folder');
    const parent = requireEditableFolder(db, scope.appUid, parentUid);
    if (parent.rootUid !== sharedFolderUid) {
      throw protocolError('bad_request', 400, 'The parent folder is not inside that shared folder');
    }
    if (getFolder(db, folderUid) !== undefined)
      throw protocolError('bad_request', 400, 'A folder with this UID already exists');
    insertFolder(db, {
      uid: folderUid,
      parentUid,
      rootUid: sharedFolderUid,
      ownerKey: null,
      rootWrappedKey: wrappedKey,
      data,
      createdAt: scope.ctx.now(),
    });
  }).immediate();
  return null;
}
