// create_secret (spec §5.5): a new record in an editable shared folder (optionally in one of its sub-folders).
import { getFolder } from '../store/folders.js';
import { getRecord, insertRecord } from '../store/records.js';
import { requireEditableFolder } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalUid, requiredBytes, requiredOwnerWrappedKey, requiredUid } from './payload.js';

/**
 * Handles create_secret: stores `folderKey` as the folder-wrapped record key, `recordKey` (ECIES to the owner)
 * as the owner copy, `subFolderUid` as the inner folder. Empty response.
 *
 * @example
 * createSecret(scope, auth);
 */
export function createSecret(scope: RequestScope, auth: Authenticated): null {
  const { payload } = auth;
  const recordUid = requiredUid(payload, 'recordUid');
  const folderUid = requiredUid(payload, 'folderUid');
  const subFolderUid = optionalUid(payload, 'subFolderUid');
  const ownerKey = requiredOwnerWrappedKey(payload, 'recordKey');
  const folderKey = requiredBytes(payload, 'folderKey');
  const data = requiredBytes(payload, 'data');
  const db = scope.ctx.db;
  db.transaction(() => {
    const folder = requireEditableFolder(db, scope.appUid, folderUid);
    if (folder.rootUid !== folder.uid) {
      throw protocolError('bad_request', 400, 'folderUid must be a shared folder; pass a sub-folder as subFolderUid');
    }
    if (subFolderUid !== undefined && subFolderUid !== folderUid) {
      const inner = getFolder(db, subFolderUid);
      if (inner?.rootUid !== folderUid) {
        throw protocolError('not_found', 404, 'The sub-folder is not inside that shared folder', {
          resultCode: 'folder_uid_not_found',
        });
      }
    }
    if (getRecord(db, recordUid) !== undefined)
      throw protocolError('bad_request', 400, 'A record with this UID already exists');
    insertRecord(db, {
      uid: recordUid,
      folderUid,
      innerFolderUid: subFolderUid === folderUid ? null : (subFolderUid ?? null),
      folderWrappedKey: folderKey,
      ownerWrappedKey: ownerKey,
      data,
      revision: 1,
      createdAt: scope.ctx.now(),
    });
  }).immediate();
  return null;
}
