// update_folder (spec §5.7): replaces a folder's encrypted name data in an editable share.
import { updateFolderData } from '../store/folders.js';
import { requireEditableFolder } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { requiredBytes, requiredUid } from './payload.js';

/**
 * Handles update_folder (`data` = CBC(folderKey, {"name"})). Empty response.
 *
 * @example
 * updateFolder(scope, auth);
 */
export function updateFolder(scope: RequestScope, auth: Authenticated): null {
  const folderUid = requiredUid(auth.payload, 'folderUid');
  const data = requiredBytes(auth.payload, 'data');
  const db = scope.ctx.db;
  db.transaction(() => {
    requireEditableFolder(db, scope.appUid, folderUid);
    updateFolderData(db, folderUid, data);
  }).immediate();
  return null;
}
