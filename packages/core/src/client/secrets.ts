// Reading secrets: get_secret (all, by UIDs, by folders, with links), by title, and the app's info and expiry.
import { decryptSecrets } from '../keychain/decrypt-secrets.js';
import type { DecryptedRecord, DecryptedSharedFolder } from '../keychain/record-types.js';
import type { SkippedItem } from '../keychain/skipped.js';
import type { AppData } from '../record/types.js';
import { type KsmSession, sessionCore } from './session.js';

/** Options of `getSecrets`. */
export interface GetSecretsOptions {
  /** Only these records (`requestedRecords`). */
  readonly uids?: readonly string[] | undefined;
  /** Only the records of these folders (`requestedFolders`). */
  readonly folderUids?: readonly string[] | undefined;
  /** Ask for record links (`requestLinks`, spec §5.1.5); they land in `record.links`. */
  readonly requestLinks?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What `getSecrets` returns. Records keep their keys, so they can be updated or get files later. */
export interface SecretsResult {
  readonly records: DecryptedRecord[];
  /** The shared folders get_secret returned (keys attached). */
  readonly folders: DecryptedSharedFolder[];
  readonly appData: AppData | null;
  /** Expiry of the app's access in ms since the epoch; null when it does not expire. */
  readonly expiresOn: number | null;
  readonly warnings: string[];
  readonly extra: Record<string, unknown> | null;
  /** Items that did not decrypt (skipped, not fatal). */
  readonly skipped: SkippedItem[];
  /** True when served from the offline cache after a network error. */
  readonly stale: boolean;
}

/**
 * Calls get_secret (binding the device first when needed) and decrypts the response.
 *
 * @example
 * const { records } = await getSecrets(session, { uids: ['76Ohu96GJYJrvVR51zdrzQ'] });
 */
export async function getSecrets(session: KsmSession, options: GetSecretsOptions = {}): Promise<SecretsResult> {
  const core = sessionCore(session);
  const fields: Record<string, unknown> = {};
  if (options.uids !== undefined) fields.requestedRecords = [...options.uids];
  if (options.folderUids !== undefined) fields.requestedFolders = [...options.folderUids];
  if (options.requestLinks === true) fields.requestLinks = true;
  await core.boundConfig(options.signal);
  const { json, config, stale } = await core.read('get_secret', fields, options.signal);
  const appKey = config.appKey as Uint8Array<ArrayBuffer>;
  const secrets = await decryptSecrets(json, { appKey }, { cipher: core.ctx.cipher });
  if (core.onWarning !== undefined) for (const warning of secrets.warnings) core.onWarning(warning);
  return {
    records: secrets.records,
    folders: secrets.folders,
    appData: secrets.appData,
    expiresOn: secrets.expiresOn,
    warnings: secrets.warnings,
    extra: secrets.extra,
    skipped: secrets.skipped,
    stale,
  };
}

/**
 * The records whose title is exactly `title` (de-duplicated by UID).
 *
 * @example
 * const [db] = await getSecretsByTitle(ksm, 'Postgres');
 */
export async function getSecretsByTitle(
  session: KsmSession,
  title: string,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<DecryptedRecord[]> {
  const { records } = await getSecrets(session, options);
  const seen = new Set<string>();
  return records.filter((record) => {
    if (record.data.title !== title || seen.has(record.recordUid)) return false;
    seen.add(record.recordUid);
    return true;
  });
}

/** The application's title and type, expiry and warnings. */
export interface AppInfo {
  readonly title: string | null;
  readonly type: string | null;
  readonly expiresOn: number | null;
  readonly warnings: string[];
}

/**
 * The app's info from get_secret's `appData`.
 *
 * @example
 * const { title, expiresOn } = await getAppInfo(ksm);
 */
export async function getAppInfo(
  session: KsmSession,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<AppInfo> {
  const result = await getSecrets(session, options);
  return {
    title: result.appData?.title ?? null,
    type: result.appData?.type ?? null,
    expiresOn: result.expiresOn,
    warnings: result.warnings,
  };
}
