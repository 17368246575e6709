// Public API of @ksmkit/config: keeper.ini profiles, config resolution, file/env/memory storages (AWS and keyring: subpaths).

export type { KeyValueStorage, MemoryStorage } from '@ksmkit/core';
export { createMemoryStorage } from '@ksmkit/core';
export { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileAtomic } from './atomic-file.js';
export { detectContainer } from './container.js';
export type { EnvStorageOptions } from './env-storage.js';
export { createEnvStorage } from './env-storage.js';
export type { ConfigErrorCode, ConfigErrorDetails } from './errors.js';
export { ConfigError, isConfigError } from './errors.js';
export type { ConfigWarning } from './file-permissions.js';
export { checkConfigPermissions } from './file-permissions.js';
export type { IniProfileStorage, IniProfileStorageOptions } from './ini-profile-storage.js';
export { createIniProfileStorage } from './ini-profile-storage.js';
export type { IniDocument, IniSection } from './ini-text.js';
export { createIniDocument, iniValue, parseIni, serializeIni } from './ini-text.js';
export type { JsonFileStorage } from './json-file-storage.js';
export { createJsonFileStorage } from './json-file-storage.js';
export type { ProfileEntry } from './keeper-ini.js';
export {
  ACTIVE_PROFILE_KEY,
  CONFIG_SECTION,
  checkProfileName,
  createKeeperIni,
  DEFAULT_PROFILE,
  getActiveProfile,
  getProfile,
  listProfiles,
  profileConfig,
  removeProfile,
  setActiveProfile,
  setExternalProfile,
  setProfileConfig,
  setProfileRecord,
} from './keeper-ini.js';
export type { LoadedKeeperIni } from './keeper-ini-file.js';
export { loadKeeperIni, saveKeeperIni, updateKeeperIni } from './keeper-ini-file.js';
export { nodeCipher } from './node-cipher.js';
export type { NodeClient, NodeClientOptions } from './node-client.js';
export { createNodeClient } from './node-client.js';
export type { NodeFetch } from './node-fetch.js';
export { createNodeFetch, nodeFetchForConfig } from './node-fetch.js';
export type { NodeFetchResponse } from './node-fetch-response.js';
export type { ImportProfileOptions } from './profile-import.js';
export { importProfile, parseProfileExport } from './profile-import.js';
export type { InitProfileOptions, InitProfileResult } from './profile-init.js';
export { initProfile, profileInitToken, profileName } from './profile-init.js';
export type { ExternalStorageOpener, ResolveConfigOptions, ResolvedConfig } from './resolve-config.js';
export { resolveConfig } from './resolve-config.js';
export type { ConfigEnvironment } from './search-path.js';
export { DEFAULT_INI_FILE, defaultIniPath, findIniFile, iniFileName, iniSearchPaths } from './search-path.js';
