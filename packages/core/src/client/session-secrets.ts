// Reading secrets through a session: get_secret (all, by UIDs, by folders), by title, and the app's info.
import type { DecryptedRecord } from '../keychain/record-types.js';
import {
  type AppInfo,
  type GetSecretsOptions,
  getAppInfo as readAppInfo,
  getSecrets as readSecrets,
  getSecretsByTitle as readSecretsByTitle,
  type SecretsResult,
} from './secrets.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/**
 * Calls get_secret (binding the device first when needed) and decrypts the records, shared folders and app data.
 *
 * @example
 * const { records } = await getSecrets(ksm);
 * const { records: [db] } = await getSecrets(ksm, { uids: ['76Ohu96GJYJrvVR51zdrzQ'] });
 */
export function getSecrets(session: KsmSession, options?: GetSecretsOptions): Promise<SecretsResult> {
  return readSecrets(sessionCore(session), options);
}

/**
 * The records whose title is exactly `title` (de-duplicated by UID).
 *
 * @example
 * const [db] = await getSecretsByTitle(ksm, 'Postgres');
 */
export function getSecretsByTitle(session: KsmSession, title: string, options?: Signal): Promise<DecryptedRecord[]> {
  return readSecretsByTitle(sessionCore(session), title, options);
}

/**
 * The app's title and type, expiry and warnings (one get_secret).
 *
 * @example
 * const { title, expiresOn } = await getAppInfo(ksm);
 */
export function getAppInfo(session: KsmSession, options?: Signal): Promise<AppInfo> {
  return readAppInfo(sessionCore(session), options);
}
