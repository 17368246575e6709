// add_file (spec §5.8): registers a file on an editable record and hands out a one-time upload credential.
import { getFile, insertFile } from '../store/files.js';
import { updateRecordData } from '../store/records.js';
import { requireEditableRecord } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { FILES_PATH, signCapability } from './file-urls.js';
import { requiredBytes, requiredInteger, requiredOwnerWrappedKey, requiredUid } from './payload.js';
import { checkUpdated } from './update-secret.js';

/** The add_file response. */
export interface AddFileResponse {
  readonly url: string;
  /** A JSON string of form fields the upload must carry. */
  readonly parameters: string;
  readonly successStatusCode: number;
}

/** What AES-GCM adds to a file's content: a 12-byte nonce and a 16-byte tag. */
const GCM_OVERHEAD_BYTES = 28;

/** Status the upload route answers on success (the SDKs compare it exactly). */
export const UPLOAD_SUCCESS_STATUS = 201;

/**
 * Handles add_file: in one transaction stores the file row (content pending), replaces the owner record's data
 * with `ownerRecordData` and bumps its revision. The upload URL carries an expiring signature (also in the
 * form fields, for clients that echo them).
 *
 * @example
 * const { url, parameters } = await addFile(scope, auth);
 */
export async function addFile(scope: RequestScope, auth: Authenticated): Promise<AddFileResponse> {
  const { payload } = auth;
  const fileUid = requiredUid(payload, 'fileRecordUid');
  const ownerFileKey = requiredOwnerWrappedKey(payload, 'fileRecordKey');
  const fileData = requiredBytes(payload, 'fileRecordData');
  const recordUid = requiredUid(payload, 'ownerRecordUid');
  const recordData = requiredBytes(payload, 'ownerRecordData');
  const revision = requiredInteger(payload, 'ownerRecordRevision');
  const linkKey = requiredBytes(payload, 'linkKey');
  const size = requiredInteger(payload, 'fileSize');
  // maxUploadBytes bounds the plaintext; the upload is that plus the GCM nonce and tag.
  if (size < 0 || size > scope.ctx.maxUploadBytes + GCM_OVERHEAD_BYTES) {
    throw protocolError(
      'payload_too_large',
      413,
      `The file is larger than this vault accepts (${scope.ctx.maxUploadBytes} bytes)`,
    );
  }
  const db = scope.ctx.db;
  const now = scope.ctx.now();
  db.transaction(() => {
    requireEditableRecord(db, scope.appUid, recordUid);
    if (getFile(db, fileUid) !== undefined)
      throw protocolError('bad_request', 400, 'A file with this UID already exists');
    checkUpdated(updateRecordData(db, recordUid, recordData, revision, now));
    insertFile(db, {
      uid: fileUid,
      recordUid,
      linkKey,
      data: fileData,
      ownerWrappedKey: ownerFileKey,
      size,
      createdAt: now,
    });
  }).immediate();
  const expires = now + scope.ctx.fileUrlTtlSeconds * 1000;
  const signature = signCapability(scope.ctx.urlSigningKey, 'upload', fileUid, expires);
  return {
    // The capability rides in the URL so the server can refuse a forged upload before reading its body.
    url: `${scope.origin}${FILES_PATH}/${fileUid}/upload?expires=${expires}&sig=${signature}`,
    parameters: JSON.stringify({ key: fileUid, expires: String(expires), signature }),
    successStatusCode: UPLOAD_SUCCESS_STATUS,
  };
}
