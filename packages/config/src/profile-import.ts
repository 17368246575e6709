// `profile import`: an exported profile (base64 or plain; JSON or keeper.ini text) becomes a keeper.ini profile, never silently replacing one.
import { base64Decode, type DeviceConfig, parseDeviceConfig, utf8Decode } from '@ksmkit/core';
import { ConfigError } from './errors.js';
import { parseIni } from './ini-text.js';
import {
  checkProfileName,
  DEFAULT_PROFILE,
  getActiveProfile,
  listProfiles,
  profileConfig,
  setActiveProfile,
  setProfileConfig,
} from './keeper-ini.js';
import { updateKeeperIni } from './keeper-ini-file.js';

/** The text inside an export: base64 is decoded unless the text already is JSON (`{`) or INI (`[`). */
function plainText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  try {
    return utf8Decode(base64Decode(trimmed)).trim();
  } catch {
    return trimmed;
  }
}

/**
 * The device config in what `ksm profile export` prints (or the vault's `client add --config-init`): base64 or plain,
 * JSON or a keeper.ini with exactly one profile. Throws core's `ERR_INVALID_CONFIG`, or `ERR_INI_SYNTAX` /
 * `ERR_CONFIG_FILE_INVALID` for an INI without exactly one profile.
 *
 * @example
 * const config = await parseProfileExport(exportedText);
 */
export async function parseProfileExport(text: string): Promise<DeviceConfig> {
  const plain = plainText(text);
  if (!plain.startsWith('[')) return parseDeviceConfig(plain);
  const doc = parseIni(plain);
  const profiles = listProfiles(doc);
  if (profiles.length !== 1) {
    throw new ConfigError(
      'ERR_CONFIG_FILE_INVALID',
      `An exported keeper.ini must hold exactly one profile (found ${profiles.length}); export a single profile`,
      { profiles: profiles.length },
    );
  }
  return profileConfig(doc, profiles[0] as string);
}

/** Options of `importProfile`. */
export interface ImportProfileOptions {
  /** The keeper.ini to add the profile to (created 0600 when missing). */
  readonly path: string;
  readonly config: DeviceConfig;
  /** Default `_default`. */
  readonly profile?: string | undefined;
  /** Replace an existing profile of that name (its device keys are lost). Default false: `ERR_PROFILE_EXISTS`. */
  readonly force?: boolean | undefined;
}

/**
 * Saves `config` as profile `profile` of the keeper.ini at `path` (atomic, 0600; the first profile becomes the
 * active one). An existing profile of that name is kept and `ERR_PROFILE_EXISTS` thrown unless `force`: importing
 * over a bound profile would destroy that device's private key.
 *
 * @example
 * await importProfile({ path: 'keeper.ini', profile: 'prod', config: await parseProfileExport(text) });
 */
export async function importProfile(options: ImportProfileOptions): Promise<{ path: string; profile: string }> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  checkProfileName(profile);
  return updateKeeperIni(options.path, (doc) => {
    if (doc.sections.has(profile) && options.force !== true) {
      throw new ConfigError(
        'ERR_PROFILE_EXISTS',
        `Profile "${profile}" already exists in ${options.path}; importing would replace its device keys. ` +
          'Import under another name with -p NAME, or pass --force to replace it',
        { profile, path: options.path },
      );
    }
    setProfileConfig(doc, profile, options.config);
    if (getActiveProfile(doc) === undefined) setActiveProfile(doc, profile);
    return { path: options.path, profile };
  });
}
