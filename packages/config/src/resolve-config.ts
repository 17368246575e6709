// Finds the device config a Node tool should use: KSM_CONFIG, an INI profile, or a profile created from KSM_TOKEN.
import type { KeyValueStorage } from '@ksmkit/core';
import { detectContainer } from './container.js';
import { createEnvStorage } from './env-storage.js';
import { ConfigError } from './errors.js';
import type { ConfigWarning } from './file-permissions.js';
import { createIniProfileStorage } from './ini-profile-storage.js';
import { getActiveProfile, getProfile, listProfiles } from './keeper-ini.js';
import { loadKeeperIni } from './keeper-ini-file.js';
import { initProfile, profileName } from './profile-init.js';
import { type ConfigEnvironment, defaultIniPath, findIniFile, iniSearchPaths } from './search-path.js';

/** Opens the storage of a profile whose config lives elsewhere (e.g. `storage = aws`). */
export type ExternalStorageOpener = (
  storage: string,
  settings: Readonly<Record<string, string>>,
  profile: string,
) => KeyValueStorage | Promise<KeyValueStorage>;

/** Options of `resolveConfig`. */
export interface ResolveConfigOptions extends ConfigEnvironment {
  /** An INI file named by the user (`--ini-file`): used as is, no search, no `KSM_CONFIG`. */
  readonly iniFile?: string | undefined;
  /** Profile named by the user (`--profile`); else `KSM_CLI_PROFILE`, else the active profile. */
  readonly profile?: string | undefined;
  /** Whether this is a container (enables auto-init from `KSM_TOKEN`); default: `detectContainer(env)`. */
  readonly inContainer?: boolean | undefined;
  /** Opens profiles with external storage; without it they throw `ERR_PROFILE_EXTERNAL`. */
  readonly openExternal?: ExternalStorageOpener | undefined;
}

/** The config source found, its storage, and anything worth telling the user. */
export interface ResolvedConfig {
  /** `env`: `KSM_CONFIG`. `ini`: an existing INI profile. `ini-created`: a profile just created from `KSM_TOKEN`. */
  readonly source: 'env' | 'ini' | 'ini-created';
  readonly storage: KeyValueStorage;
  /** The INI file (not for `env`). */
  readonly path?: string;
  /** The profile used (not for `env`). */
  readonly profile?: string;
  /** The profile's storage type (`internal`, `aws`, …; not for `env`). */
  readonly storageType?: string;
  readonly warnings: readonly ConfigWarning[];
}

async function fromIni(
  path: string,
  options: ResolveConfigOptions,
  source: 'ini' | 'ini-created',
): Promise<ResolvedConfig> {
  const { document, warnings } = await loadKeeperIni(path);
  const requested = options.profile ?? options.env.KSM_CLI_PROFILE;
  const profile = requested !== undefined && requested !== '' ? requested : getActiveProfile(document);
  if (profile === undefined) {
    throw new ConfigError(
      'ERR_NO_ACTIVE_PROFILE',
      `No active profile in ${path} (profiles: ${listProfiles(document).join(', ') || 'none'}); pick one with --profile or ksm profile active NAME`,
      { path },
    );
  }
  const entry = getProfile(document, profile);
  if ('record' in entry) {
    return {
      source,
      storage: createIniProfileStorage({ path, profile, loaded: entry.record }),
      path,
      profile,
      storageType: 'internal',
      warnings,
    };
  }
  if (options.openExternal === undefined) {
    throw new ConfigError(
      'ERR_PROFILE_EXTERNAL',
      `Profile "${profile}" keeps its config in external storage (${entry.storage}), which this tool cannot open`,
      { profile, storage: entry.storage },
    );
  }
  const storage = await options.openExternal(entry.storage, entry.settings, profile);
  return { source, storage, path, profile, storageType: entry.storage, warnings };
}

/**
 * An explicit `--profile` while `KSM_CONFIG` is set: the named keeper.ini profile when it exists (the user asked
 * for it by name), else `ERR_PROFILE_NOT_FOUND` — never a silent fall back to `KSM_CONFIG`.
 */
async function namedProfileBesideEnv(profile: string, options: ResolveConfigOptions): Promise<ResolvedConfig> {
  const found = await findIniFile(options);
  if (found !== undefined && listProfiles((await loadKeeperIni(found)).document).includes(profile)) {
    return fromIni(found, options, 'ini');
  }
  throw new ConfigError(
    'ERR_PROFILE_NOT_FOUND',
    `Profile "${profile}" not found${found === undefined ? ' (no keeper.ini on the search path)' : ` in ${found}`}; ` +
      'KSM_CONFIG is set but --profile names a keeper.ini profile. Drop --profile to use KSM_CONFIG',
    { profile, path: found ?? null },
  );
}

/**
 * Resolves the device config like Keeper's KSM CLI: an explicit `iniFile` first; else `KSM_CONFIG` (base64 or JSON,
 * read-only) overrides every INI file, except that an explicit `profile` must exist in the keeper.ini found and is then
 * used (`ERR_PROFILE_NOT_FOUND` otherwise); else the first keeper.ini on the search path (`iniSearchPaths`); else, in
 * a container with `KSM_TOKEN` set, a `_default` profile (or `KSM_CLI_PROFILE`) is created from that token in
 * `defaultIniPath` (`KSM_HOSTNAME` or `US` when the token has no region prefix). Throws `ERR_NO_CONFIG` (listing
 * where it looked), `ERR_NO_ACTIVE_PROFILE`, `ERR_PROFILE_NOT_FOUND`, `ERR_INI_SYNTAX`, `ERR_PROFILE_EXTERNAL`.
 *
 * @example
 * const { storage, warnings } = await resolveConfig({ env: process.env, cwd: process.cwd(), homedir: os.homedir() });
 * const config = await readDeviceConfig(storage);
 */
export async function resolveConfig(options: ResolveConfigOptions): Promise<ResolvedConfig> {
  const { env } = options;
  if (options.iniFile !== undefined) return fromIni(options.iniFile, options, 'ini');
  if (env.KSM_CONFIG !== undefined && env.KSM_CONFIG.trim() !== '') {
    if (options.profile !== undefined && options.profile !== '') return namedProfileBesideEnv(options.profile, options);
    return { source: 'env', storage: createEnvStorage(env), warnings: [] };
  }
  const found = await findIniFile(options);
  if (found !== undefined) return fromIni(found, options, 'ini');
  const token = env.KSM_TOKEN;
  if (token !== undefined && token.trim() !== '') {
    const inContainer = options.inContainer ?? (await detectContainer(env));
    if (inContainer) {
      const path = defaultIniPath(options);
      const profile = profileName(options.profile, env);
      await initProfile({ path, profile, token: token.trim(), hostname: env.KSM_HOSTNAME || undefined });
      return fromIni(path, { ...options, profile }, 'ini-created');
    }
  }
  const searched = iniSearchPaths(options);
  throw new ConfigError(
    'ERR_NO_CONFIG',
    `No KSM config found: KSM_CONFIG is not set and no INI file exists at ${searched.join(', ')}. ` +
      'Create one with "ksm profile init --token <TOKEN>" (or KSM_CLI_TOKEN), or set KSM_CONFIG to a base64 config',
    { searched: searched.join(':') },
  );
}
