// get_secret (spec §5.1): folder shares and direct shares, requestedRecords/requestedFolders filters, appData.
import { base64Encode, base64UrlEncode } from '@ksmkit/core';
import { getApp } from '../store/apps.js';
import { getRecord, listRecordsInRoot } from '../store/records.js';
import { folderShares, recordShares } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { protocolError } from './errors.js';
import { optionalBoolean, optionalStringArray } from './payload.js';
import { renderRecord, type WireRecordObject } from './wire-record.js';

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
  return base64UrlEncode(app.appData);
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

function readSecrets(scope: RequestScope, auth: Authenticated): GetSecretResponse {
  const { payload } = auth;
  const requestedRecords = optionalStringArray(payload, 'requestedRecords');
  const requestedFolders = optionalStringArray(payload, 'requestedFolders');
  const withLinks = optionalBoolean(payload, 'requestLinks');
  const recordFilter = requestedRecords === undefined ? null : new Set(requestedRecords);
  const folderFilter = requestedFolders === undefined ? null : new Set(requestedFolders);
  const appData = appDataOf(scope);

  const folders: WireSharedFolder[] = [];
  for (const share of folderShares(scope.ctx.db, scope.appUid)) {
    const rootListed = folderFilter === null || folderFilter.has(share.rootUid);
    const records: WireRecordObject[] = [];
    for (const row of listRecordsInRoot(scope.ctx.db, share.rootUid)) {
      if (row.folderWrappedKey === null) continue;
      if (recordFilter !== null && !recordFilter.has(row.uid)) continue;
      if (!rootListed && !(row.innerFolderUid !== null && folderFilter?.has(row.innerFolderUid))) continue;
      records.push(renderRecord(scope, row, row.folderWrappedKey, share.editable, withLinks));
    }
    const keepEmpty = recordFilter === null && rootListed;
    if (records.length === 0 && !keepEmpty) continue;
    folders.push({
      folderUid: share.rootUid,
      folderKey: base64Encode(share.wrappedKey),
      data: null,
      parent: null,
      isEditable: share.editable,
      records,
    });
  }

  const records: WireRecordObject[] = [];
  if (folderFilter === null) {
    for (const share of recordShares(scope.ctx.db, scope.appUid)) {
      if (recordFilter !== null && !recordFilter.has(share.recordUid)) continue;
      const row = getRecord(scope.ctx.db, share.recordUid);
      if (row === undefined) continue;
      records.push(renderRecord(scope, row, share.wrappedKey, share.editable, withLinks));
    }
  }

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
