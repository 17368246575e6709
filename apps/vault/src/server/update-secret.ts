// update_secret (spec §5.3): revision check and bump; with transactionType the change is staged until finalize.
import { deleteFiles } from '../store/files.js';
import { insertPendingUpdate } from '../store/pending-updates.js';
import { getRecord, type UpdateRecordResult, updateRecordData } from '../store/records.js';
import { requireEditableRecord } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalString, optionalStringArray, requiredBytes, requiredInteger, requiredUid } from './payload.js';

/**
 * Throws for a failed store update: 404 `not_found` or 409 `invalid_revision`.
 *
 * @example
 * checkUpdated(updateRecordData(db, uid, data, revision));
 */
export function checkUpdated(result: UpdateRecordResult | undefined): void {
  if (result === undefined || result.ok) return;
  if (result.reason === 'not_found') {
    throw protocolError('not_found', 404, 'The record does not exist', { resultCode: 'record_uid_not_found' });
  }
  throw protocolError('invalid_revision', 409, 'The record was changed since it was read; fetch it again and retry', {
    resultCode: 'invalid_revision',
  });
}

/**
 * Handles update_secret: plain updates commit at once (revision bump, `links2Remove` files detached); staged
 * ones (`transactionType`) wait in `pending_updates` for finalize/rollback. One transaction; empty response.
 *
 * @example
 * updateSecret(scope, auth);
 */
export function updateSecret(scope: RequestScope, auth: Authenticated): null {
  const { payload } = auth;
  const recordUid = requiredUid(payload, 'recordUid');
  const data = requiredBytes(payload, 'data');
  const revision = requiredInteger(payload, 'revision');
  const transactionType = optionalString(payload, 'transactionType');
  const linksToRemove = optionalStringArray(payload, 'links2Remove') ?? [];
  const db = scope.ctx.db;
  const now = scope.ctx.now();
  db.transaction(() => {
    requireEditableRecord(db, scope.appUid, recordUid);
    if (transactionType === undefined) {
      checkUpdated(updateRecordData(db, recordUid, data, revision, now));
      deleteFiles(db, recordUid, linksToRemove);
      return;
    }
    const current = getRecord(db, recordUid);
    if (current === undefined) checkUpdated({ ok: false, reason: 'not_found' });
    else if (current.revision !== revision) {
      checkUpdated({ ok: false, reason: 'conflict', currentRevision: current.revision });
    }
    insertPendingUpdate(db, { recordUid, data, revision, transactionType, linksToRemove, createdAt: now });
  }).immediate();
  return null;
}
