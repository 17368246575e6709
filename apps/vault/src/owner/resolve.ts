// Finding apps, folders and records from what the user typed: a UID, a name/title, or a folder path.
import { VaultError } from '../store/errors.js';
import { allApps, allFolders, allRecordKeys, findApp, findFolder, findRecordKey, folderPath } from './keys.js';
import type { KnownApp, KnownFolder, KnownRecord, OwnerSession } from './session.js';

function pick<T extends { uid: string }>(kind: string, ref: string, matches: T[], listCommand: string): T {
  if (matches.length === 1) return matches[0] as T;
  if (matches.length === 0) {
    throw new VaultError('ERR_NOT_FOUND', `No ${kind} "${ref}"; see \`ksmkit-vault ${listCommand}\``, { kind, ref });
  }
  throw new VaultError(
    'ERR_AMBIGUOUS',
    `${matches.length} ${kind}s are named "${ref}" (${matches.map((m) => m.uid).join(', ')}); use a UID`,
    { kind, ref, count: matches.length },
  );
}

/**
 * The app whose UID or title is `ref`. Throws `ERR_NOT_FOUND` / `ERR_AMBIGUOUS` with a hint.
 *
 * @example
 * const app = await resolveApp(session, 'ci');
 */
export async function resolveApp(session: OwnerSession, ref: string): Promise<KnownApp> {
  const byUid = await findApp(session, ref);
  if (byUid !== undefined) return byUid;
  return pick(
    'application',
    ref,
    (await allApps(session)).filter((app) => app.title === ref),
    'app list',
  );
}

/**
 * The folder whose UID, name or path (`Production/Payments`) is `ref`.
 *
 * @example
 * const folder = await resolveFolder(session, 'Production/Payments');
 */
export async function resolveFolder(session: OwnerSession, ref: string): Promise<KnownFolder> {
  const byUid = await findFolder(session, ref);
  if (byUid !== undefined) return byUid;
  const folders = await allFolders(session);
  const byName = folders.filter((folder) => folder.name === ref);
  if (byName.length > 0 || !ref.includes('/')) return pick('folder', ref, byName, 'folder list');
  const byPath: KnownFolder[] = [];
  for (const folder of folders) if ((await folderPath(session, folder.uid)) === ref) byPath.push(folder);
  return pick('folder', ref, byPath, 'folder list');
}

/**
 * The record whose UID or title is `ref`.
 *
 * @example
 * const record = await resolveRecord(session, 'Postgres');
 */
export async function resolveRecord(session: OwnerSession, ref: string): Promise<KnownRecord> {
  const byUid = await findRecordKey(session, ref);
  if (byUid !== undefined) return byUid;
  return pick(
    'record',
    ref,
    (await allRecordKeys(session)).filter((record) => record.title === ref),
    'record list',
  );
}
