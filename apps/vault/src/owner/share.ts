// Admin operations on shares: give an app a root shared folder or a record, read-only or editable; take it back.
import { wrapKey } from '@ksmkit/core';
import { VaultError } from '../store/errors.js';
import { deleteShare, type ShareKind, upsertShare } from '../store/shares.js';
import { folderPath } from './keys.js';
import { resolveApp, resolveFolder, resolveRecord } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** What to share: exactly one of `folder` / `record` (UID, name or title). */
export interface ShareInput {
  readonly app: string;
  readonly folder?: string;
  readonly record?: string;
  readonly editable?: boolean;
}

/** The share that was added or removed. */
export interface ShareResult {
  readonly appUid: string;
  readonly kind: ShareKind;
  readonly targetUid: string;
  readonly editable: boolean;
}

async function target(
  session: OwnerSession,
  input: ShareInput,
): Promise<{ kind: ShareKind; uid: string; key: Uint8Array<ArrayBuffer> }> {
  if ((input.folder === undefined) === (input.record === undefined)) {
    throw new VaultError(
      'ERR_INVALID_ARGUMENT',
      'Give exactly one of --folder or --record, e.g. `share add --app ci --folder Production`',
    );
  }
  if (input.folder !== undefined) {
    const folder = await resolveFolder(session, input.folder);
    if (folder.parentUid !== null) {
      const rootPath = (await folderPath(session, folder.rootUid)) || folder.rootUid;
      throw new VaultError(
        'ERR_INVALID_ARGUMENT',
        `"${folder.name}" is a sub-folder; share its root shared folder "${rootPath}" instead`,
        { folder: folder.uid, root: folder.rootUid },
      );
    }
    return { kind: 'folder', uid: folder.uid, key: folder.key };
  }
  const record = await resolveRecord(session, input.record as string);
  return { kind: 'record', uid: record.uid, key: record.key };
}

/**
 * Shares a root shared folder (with its sub-folders and records) or a single record with an app:
 * stores `GCM(appKey, folderKey | recordKey)`. Sharing again changes `editable`.
 *
 * @example
 * await addShare(session, { app: 'ci', folder: 'Production', editable: true });
 */
export async function addShare(session: OwnerSession, input: ShareInput): Promise<ShareResult> {
  const app = await resolveApp(session, input.app);
  const { kind, uid, key } = await target(session, input);
  const wrappedKey = await wrapKey(app.key, key);
  const editable = input.editable === true;
  write(session, () => upsertShare(session.db, { appUid: app.uid, kind, targetUid: uid, editable, wrappedKey }));
  return { appUid: app.uid, kind, targetUid: uid, editable };
}

/**
 * Removes a share; the app's devices stop seeing the folder or record on their next request.
 *
 * @example
 * await removeShare(session, { app: 'ci', record: 'Stripe' });
 */
export async function removeShare(session: OwnerSession, input: ShareInput): Promise<ShareResult> {
  const app = await resolveApp(session, input.app);
  const { kind, uid } = await target(session, input);
  let removed = false;
  write(session, () => {
    removed = deleteShare(session.db, app.uid, kind, uid);
  });
  if (session.pending === null && !removed) {
    throw new VaultError('ERR_NOT_FOUND', `That ${kind} is not shared with "${app.title}"`, {
      app: app.uid,
      target: uid,
    });
  }
  return { appUid: app.uid, kind, targetUid: uid, editable: false };
}
