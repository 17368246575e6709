// get_secret (spec §5.1): folder shares and direct shares, requestedRecords/requestedFolders filters, appData.
import { getApp } from '../store/apps.js';
import {
  type DirectSecretRow,
  listDirectSecretRows,
  listFolderSecretRows,
  listUploadedFiles,
  type SecretRecordRow,
} from '../store/secret-rows.js';
import { type FolderShare, folderShares } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalBoolean, optionalStringArray } from './payload.js';
import { wireBase64, wireBase64Url } from './wire-base64.js';
import { fileUrlSigner, renderRecord, type WireRecordObject } from './wire-record.js';

/** A get_secret folder object. */
export interface WireSharedFolder {
  readonly folderUid: string;
  readonly folderKey: string;
  readonly data: null;
  readonly parent: null;
  readonly isEditable: boolean;
  readonly records: WireRecordObject[];
}

/** The get_secret response (every key of §5.1.4 present). */
export interface GetSecretResponse {
  readonly appData: string;
  readonly encryptedAppKey: string | null;
  readonly appOwnerPublicKey: string | null;
  readonly folders: WireSharedFolder[];
  readonly records: WireRecordObject[];
  readonly expiresOn: number;
  readonly warnings: null;
  readonly extra: null;
}

/**
 * Encrypted app data of the scope's app, url base64 (required in every get_secret/get_folders response).
 *
 * @example
 * const appData = appDataOf(scope);
 */
export function appDataOf(scope: RequestScope): string {
  const app = getApp(scope.ctx.db, scope.appUid);
  if (app === undefined) throw protocolError('access_denied', 403, 'Unable to validate application access');
  return wireBase64Url(app.appData);
}

/**
 * Handles get_secret. `requestedFolders` lists shared folders or sub-folders: a record is returned when its
 * shared folder or its inner folder is listed; direct shares are left out then. With `requestedRecords`,
 * folders without a matching record are left out. Empty shared folders are listed (with `records: []`).
 *
 * @example
 * const response = getSecret(scope, auth);
 */
export function getSecret(scope: RequestScope, auth: Authenticated): GetSecretResponse {
  // One read transaction: a consistent snapshot even while the admin tool writes.
  return scope.ctx.db.transaction(() => readSecrets(scope, auth))();
}

/** A folder share with the records of it this response carries. */
interface SharedFolderRows {
  readonly share: FolderShare;
  readonly rows: SecretRecordRow[];
  readonly keepEmpty: boolean;
}

function readSecrets(scope: RequestScope, auth: Authenticated): GetSecretResponse {
  const { payload } = auth;
  const db = scope.ctx.db;
  const requestedRecords = optionalStringArray(payload, 'requestedRecords');
  const requestedFolders = optionalStringArray(payload, 'requestedFolders');
  const withLinks = optionalBoolean(payload, 'requestLinks');
  // requestedRecords filters in SQL (exact, case-sensitive UID match, like a Set of the strings).
  const onlyUids = requestedRecords ?? null;
  const folderFilter = requestedFolders === undefined ? null : new Set(requestedFolders);
  const appData = appDataOf(scope);

  const shared: SharedFolderRows[] = folderShares(db, scope.appUid).map((share) => {
    const rootListed = folderFilter === null || folderFilter.has(share.rootUid);
    let rows = listFolderSecretRows(db, share.rootUid, onlyUids);
    if (!rootListed) rows = rows.filter((row) => row.innerFolderUid !== null && folderFilter?.has(row.innerFolderUid));
    return { share, rows, keepEmpty: onlyUids === null && rootListed };
  });
  const direct: DirectSecretRow[] = folderFilter === null ? listDirectSecretRows(db, scope.appUid, onlyUids) : [];

  const recordUids: string[] = [];
  for (const { rows } of shared) for (const row of rows) recordUids.push(row.uid);
  for (const row of direct) recordUids.push(row.uid);
  const files = listUploadedFiles(db, recordUids);
  const sign = fileUrlSigner(scope);

  const folders: WireSharedFolder[] = [];
  for (const { share, rows, keepEmpty } of shared) {
    if (rows.length === 0 && !keepEmpty) continue;
    folders.push({
      folderUid: share.rootUid,
      folderKey: wireBase64(share.wrappedKey),
      data: null,
      parent: null,
      isEditable: share.editable,
      records: rows.map((row) => renderRecord(row, share.editable, withLinks, files.get(row.uid), sign)),
    });
  }
  const records = direct.map((row) => renderRecord(row, row.editable !== 0, withLinks, files.get(row.uid), sign));

  return {
    appData,
    encryptedAppKey: auth.binding?.encryptedAppKey ?? null,
    appOwnerPublicKey: auth.binding?.appOwnerPublicKey ?? null,
    folders,
    records,
    expiresOn: auth.accessExpiresAt ?? 0,
    warnings: null,
    extra: null,
  };
}
