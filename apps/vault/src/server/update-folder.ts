// update_folder (spec §5.7): replaces a folder's encrypted name data in an editable share.
import { folderRevision, updateFolderData } from '../store/folders.js';
import { requireEditableFolder } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { requiredBytes, requiredInteger, requiredUid } from './payload.js';

/**
 * Handles update_folder (`data` = CBC(folderKey, {"name"})); with an optional `revision` (the folder's, as read),
 * a stale one gets 409 `invalid_revision`, like records. Every rename bumps the revision. Empty response.
 *
 * @example
 * updateFolder(scope, auth);
 */
export function updateFolder(scope: RequestScope, auth: Authenticated): null {
  const folderUid = requiredUid(auth.payload, 'folderUid');
  const data = requiredBytes(auth.payload, 'data');
  const revision =
    auth.payload.revision === undefined || auth.payload.revision === null
      ? undefined
      : requiredInteger(auth.payload, 'revision');
  const db = scope.ctx.db;
  db.transaction(() => {
    requireEditableFolder(db, scope.appUid, folderUid);
    if (revision !== undefined && folderRevision(db, folderUid) !== revision) {
      throw protocolError(
        'invalid_revision',
        409,
        'The folder was changed since it was read; fetch it again and retry',
        {
          resultCode: 'invalid_revision',
        },
      );
    }
    updateFolderData(db, folderUid, data);
  }).immediate();
  return null;
}
