// get_folders (spec §5.2): every shared folder and sub-folder the app reaches, ancestors before descendants.
import { base64Encode } from '@ksmkit/core';
import { listFoldersUnderRoot } from '../store/folders.js';
import { folderShares } from './app-access.js';
import type { Authenticated } from './authenticate.js';
import type { RequestScope } from './context.js';
import { appDataOf } from './get-secret.js';

/** A get_folders folder object. */
export interface WireFolderObject {
  readonly folderUid: string;
  /** Root: std b64 GCM(appKey, folderKey); sub-folder: std b64 CBC(rootFolderKey, subFolderKey). */
  readonly folderKey: string;
  /** std b64 CBC(folderKey, {"name"}). */
  readonly data: string;
  readonly parent: string | null;
  readonly records: null;
}

/**
 * Handles get_folders: roots in share order, each followed by its sub-folders, shallower ones first.
 *
 * @example
 * const { folders } = getFolders(scope, auth);
 */
export function getFolders(scope: RequestScope, auth: Authenticated) {
  // One read transaction: a consistent snapshot even while the admin tool writes.
  return scope.ctx.db.transaction(() => readFolders(scope, auth))();
}

function readFolders(scope: RequestScope, auth: Authenticated) {
  const db = scope.ctx.db;
  const folders: WireFolderObject[] = [];
  for (const share of folderShares(db, scope.appUid)) {
    // Ancestors first: the store lists a tree by depth.
    for (const folder of listFoldersUnderRoot(db, share.rootUid)) {
      const root = folder.uid === share.rootUid;
      const key = root ? share.wrappedKey : folder.rootWrappedKey;
      if (key === null) continue;
      folders.push({
        folderUid: folder.uid,
        folderKey: base64Encode(key),
        data: base64Encode(folder.data),
        parent: root ? null : folder.parentUid,
        records: null,
      });
    }
  }
  return {
    appData: appDataOf(scope),
    encryptedAppKey: null,
    appOwnerPublicKey: null,
    folders,
    records: null,
    expiresOn: auth.accessExpiresAt ?? 0,
    warnings: null,
    extra: null,
  };
}
