// finalize_secret_update / rollback_secret_update (spec §5.4): commit or discard a staged update.
import { finalizePendingUpdate, rollbackPendingUpdate } from '../store/pending-updates.js';
import { requireEditableRecord } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { requiredUid } from './payload.js';
import { checkUpdated } from './update-secret.js';

/**
 * Handles finalize_secret_update (`commit`) and rollback_secret_update. A commit re-checks the revision the
 * staged update was based on (409 when stale; the staged update stays so it can be rolled back). Empty response.
 *
 * @example
 * completeUpdate(scope, auth, true);
 */
export function completeUpdate(scope: RequestScope, auth: Authenticated, commit: boolean): null {
  const recordUid = requiredUid(auth.payload, 'recordUid');
  const db = scope.ctx.db;
  db.transaction(() => {
    requireEditableRecord(db, scope.appUid, recordUid);
    const noPending = () =>
      protocolError('bad_request', 400, 'The record has no pending update', { resultCode: 'no_pending_update' });
    if (!commit) {
      if (!rollbackPendingUpdate(db, recordUid)) throw noPending();
      return;
    }
    const result = finalizePendingUpdate(db, recordUid);
    if (result === undefined) throw noPending();
    checkUpdated(result);
  }).immediate();
  return null;
}
