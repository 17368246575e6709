// delete_secret (spec §5.6): deletes editable records; one result entry per requested UID.
import { deleteRecords } from '../store/records.js';
import { recordAccess } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalStringArray } from './payload.js';

/** One entry of a delete response. */
export interface DeleteResult {
  readonly recordUid: string;
  readonly responseCode: string;
  readonly errorMessage: string | null;
}

/**
 * Handles delete_secret: `ok` for deleted records, `not_found` for UIDs the app cannot see, `access_denied`
 * for read-only ones. All deletions happen in one transaction.
 *
 * @example
 * const { records } = deleteSecret(scope, auth);
 */
export function deleteSecret(scope: RequestScope, auth: Authenticated): { records: DeleteResult[] } {
  const uids = optionalStringArray(auth.payload, 'recordUids');
  if (uids === undefined) throw protocolError('bad_request', 400, 'Field recordUids is required');
  const db = scope.ctx.db;
  const records: DeleteResult[] = [];
  db.transaction(() => {
    for (const recordUid of uids) {
      const access = recordAccess(db, scope.appUid, recordUid);
      if (access === undefined) {
        records.push({
          recordUid,
          responseCode: 'not_found',
          errorMessage: 'The record is not shared with this application',
        });
      } else if (!access.editable) {
        records.push({
          recordUid,
          responseCode: 'access_denied',
          errorMessage: 'The record is read-only for this application',
        });
      } else {
        deleteRecords(db, [recordUid]);
        records.push({ recordUid, responseCode: 'ok', errorMessage: null });
      }
    }
  }).immediate();
  return { records };
}
