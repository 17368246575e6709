// `profile init`: a one-time token becomes a device config stored as a keeper.ini profile (token from KSM_CLI_TOKEN).
import type { DeviceConfig } from '@ksmkit/core';
import { createMemoryStorage, DEFAULT_REGION, initializeConfig } from '@ksmkit/core';
import { ConfigError } from './errors.js';
import {
  checkProfileName,
  DEFAULT_PROFILE,
  getActiveProfile,
  getProfile,
  setActiveProfile,
  setProfileRecord,
} from './keeper-ini.js';
import { updateKeeperIni } from './keeper-ini-file.js';

/**
 * The one-time token for `profile init`: the one given (e.g. `-t`), else `KSM_CLI_TOKEN`, so it need not appear
 * on the command line. Throws `ERR_NO_TOKEN` when there is neither.
 *
 * @example
 * const token = profileInitToken(args.token, process.env);
 */
export function profileInitToken(token: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const chosen = token !== undefined && token.trim() !== '' ? token : env.KSM_CLI_TOKEN;
  if (chosen === undefined || chosen.trim() === '') {
    throw new ConfigError(
      'ERR_NO_TOKEN',
      'No one-time access token: pass it with -t/--token or set KSM_CLI_TOKEN (keeps it off the command line)',
      {},
    );
  }
  return chosen.trim();
}

/**
 * The profile a command works on: the one given, else `KSM_CLI_PROFILE`, else `_default` (as the KSM CLI).
 *
 * @example
 * profileName(undefined, { KSM_CLI_PROFILE: 'prod' }); // 'prod'
 */
export function profileName(name: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (name !== undefined && name !== '') return name;
  const fromEnv = env.KSM_CLI_PROFILE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_PROFILE;
}

/** Options of `initProfile`. */
export interface InitProfileOptions {
  /** The keeper.ini to create or update. */
  readonly path: string;
  /** Profile to create; default `_default`. */
  readonly profile?: string | undefined;
  /** One-time token, optionally `REGION:`-prefixed (see `profileInitToken`). */
  readonly token: string;
  /**
   * Region code (`US`, `EU`, `AU`, `JP`, `CA`, `US_GOV`, …) or host; wins over the token's prefix. A bare token
   * without it binds to `US` (core's `DEFAULT_REGION`, the KSM CLI's default).
   */
  readonly hostname?: string | undefined;
  /** Self-hosted server key (base64) and its id, and the server's PEM CA (kept as `caCertificate`). */
  readonly serverPublicKey?: string | undefined;
  readonly serverPublicKeyId?: string | number | undefined;
  readonly caCertificate?: string | undefined;
  /** Replace an existing profile initialised with another token (default false: `ERR_CONFIG_CONFLICT`). */
  readonly overwrite?: boolean | undefined;
}

/** What `initProfile` did. */
export interface InitProfileResult {
  readonly path: string;
  readonly profile: string;
  /** False when the profile already held this token's config (nothing changed). */
  readonly created: boolean;
  readonly config: DeviceConfig;
}

/**
 * Initialises profile `profile` of the keeper.ini at `path` from a one-time token (core's `initializeConfig`: new
 * device key, `clientKey` kept until the first request binds the device) and saves the file atomically (0600).
 * The first profile becomes the active one. Throws `ERR_PROFILE_RESERVED`, `ERR_PROFILE_EXTERNAL`, core's
 * `ERR_INVALID_TOKEN` / `ERR_CONFIG_CONFLICT` (another token, without `overwrite`); nothing is written on error.
 *
 * @example
 * await initProfile({ path: defaultIniPath(context), token: profileInitToken(undefined, process.env) });
 */
export async function initProfile(options: InitProfileOptions): Promise<InitProfileResult> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  checkProfileName(profile);
  return updateKeeperIni(options.path, async (doc) => {
    const seed: Record<string, string> = {};
    if (doc.sections.has(profile) && options.overwrite !== true) {
      const entry = getProfile(doc, profile);
      if (!('record' in entry)) {
        throw new ConfigError(
          'ERR_PROFILE_EXTERNAL',
          `Profile "${profile}" keeps its config in external storage (${entry.storage}); choose another profile name`,
          { profile, storage: entry.storage },
        );
      }
      Object.assign(seed, entry.record);
    }
    const storage = createMemoryStorage(seed);
    const result = await initializeConfig(storage, options.token, {
      hostname: options.hostname,
      defaultHostname: DEFAULT_REGION,
      serverPublicKey: options.serverPublicKey,
      serverPublicKeyId: options.serverPublicKeyId,
      caCertificate: options.caCertificate,
    });
    setProfileRecord(doc, profile, storage.snapshot());
    if (getActiveProfile(doc) === undefined) setActiveProfile(doc, profile);
    return { path: options.path, profile, created: result.created, config: result.config };
  });
}
