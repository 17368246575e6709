// Writing records through a session: create, update (plain or staged), complete a staged update, delete.
import type { DecryptedRecord } from '../keychain/record-types.js';
import type { DeleteResult } from './delete-results.js';
import {
  createSecret as addSecret,
  type CreateSecretOptions,
  completeTransaction as finishTransaction,
  deleteSecrets as removeSecrets,
  updateSecret as saveSecret,
  type UpdateSecretOptions,
} from './record-writes.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/**
 * Creates a record in a shared folder (or a sub-folder of one); returns the new record's UID.
 *
 * @example
 * const uid = await createSecret(ksm, { folderUid, data: { type: 'login', title: 'API', fields: [] } });
 */
export function createSecret(session: KsmSession, options: CreateSecretOptions): Promise<string> {
  return addSecret(sessionCore(session), options);
}

/**
 * Saves a record read with `getSecrets` (its `data`, or `options.data`); `transactionType` stages the change.
 *
 * @example
 * await updateSecret(ksm, record, { data: { ...record.data, title: 'Renamed' } });
 */
export function updateSecret(
  session: KsmSession,
  record: DecryptedRecord,
  options?: UpdateSecretOptions,
): Promise<void> {
  return saveSecret(sessionCore(session), record, options);
}

/**
 * Commits a staged update (`transactionType`); `rollback: true` discards it.
 *
 * @example
 * await updateSecret(ksm, record, { data, transactionType: 'rotation' });
 * await completeTransaction(ksm, record.recordUid);
 */
export function completeTransaction(
  session: KsmSession,
  recordUid: string,
  options?: Signal & { readonly rollback?: boolean | undefined },
): Promise<void> {
  return finishTransaction(sessionCore(session), recordUid, options);
}

/**
 * Deletes records. One result per UID, in order; UIDs the server did not mention are `not_found`.
 *
 * @example
 * const [result] = await deleteSecrets(ksm, [recordUid]); // { uid, responseCode: 'ok', errorMessage: null }
 */
export function deleteSecrets(
  session: KsmSession,
  recordUids: readonly string[],
  options?: Signal,
): Promise<DeleteResult[]> {
  return removeSecrets(sessionCore(session), recordUids, options);
}
