// Admin operations on applications: create (new app key + encrypted app data), list, remove.
import { encryptAppData, generateAesKey, generateRecordUid, wrapKey } from '@ksmkit/core';
import { deleteApp, insertApp } from '../store/apps.js';
import { listClients } from '../store/clients.js';
import { VaultError } from '../store/errors.js';
import { listSharesForApp } from '../store/shares.js';
import { allApps } from './keys.js';
import { resolveApp } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** An application as the admin tool lists it. */
export interface AppSummary {
  readonly uid: string;
  readonly title: string;
  readonly folderShares: number;
  readonly recordShares: number;
  readonly clients: number;
}

/**
 * Creates an application: a fresh app key (owner copy GCM-wrapped) and `GCM(appKey, {title, type:"app"})`.
 *
 * @example
 * const { uid } = await createApp(session, { title: 'ci' });
 */
export async function createApp(session: OwnerSession, input: { readonly title: string }): Promise<{ uid: string }> {
  const title = input.title.trim();
  if (title === '') throw new VaultError('ERR_INVALID_ARGUMENT', 'An application needs a name, e.g. `app create ci`');
  if ((await allApps(session)).some((app) => app.title === title)) {
    throw new VaultError('ERR_CONFLICT', `An application named "${title}" already exists`, { app: title });
  }
  const uid = generateRecordUid();
  const key = generateAesKey();
  const [ownerAppKey, appData] = await Promise.all([
    wrapKey(session.keys.ownerKey, key),
    encryptAppData(key, { title, type: 'app' }),
  ]);
  session.apps.set(uid, { uid, title, key });
  write(session, () => insertApp(session.db, { uid, ownerAppKey, appData, createdAt: Date.now() }));
  return { uid };
}

/**
 * Every application with its share and device counts.
 *
 * @example
 * for (const app of await listAppSummaries(session)) console.log(app.title);
 */
export async function listAppSummaries(session: OwnerSession): Promise<AppSummary[]> {
  return (await allApps(session)).map((app) => {
    const shares = listSharesForApp(session.db, app.uid);
    return {
      uid: app.uid,
      title: app.title,
      folderShares: shares.filter((share) => share.kind === 'folder').length,
      recordShares: shares.filter((share) => share.kind === 'record').length,
      clients: listClients(session.db, app.uid).length,
    };
  });
}

/**
 * Removes an application with its shares and devices (they are refused on their next request).
 *
 * @example
 * await removeApp(session, 'ci');
 */
export async function removeApp(session: OwnerSession, ref: string): Promise<{ uid: string }> {
  const app = await resolveApp(session, ref);
  session.apps.delete(app.uid);
  write(session, () => {
    deleteApp(session.db, app.uid);
  });
  return { uid: app.uid };
}
