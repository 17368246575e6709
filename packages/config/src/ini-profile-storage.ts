// A KeyValueStorage over one profile of a keeper.ini: every change rewrites the file atomically.
import type { KeyValueStorage } from '@ksmkit/core';
import { ConfigError } from './errors.js';
import { type IniSection, iniValue } from './ini-text.js';
import { externalProfile, getProfile, iniKeyOf, listProfiles, setProfileRecord } from './keeper-ini.js';
import { loadKeeperIni, updateKeeperIni } from './keeper-ini-file.js';

/** Where an INI profile storage reads and writes. */
export interface IniProfileStorageOptions {
  /** The keeper.ini path. */
  readonly path: string;
  /** The profile (section) name. */
  readonly profile: string;
}

/** A storage bound to one keeper.ini profile. */
export interface IniProfileStorage extends KeyValueStorage {
  readonly path: string;
  readonly profile: string;
}

/**
 * A storage whose keys live in profile `profile` of the keeper.ini at `path`. Reads re-read the file (another
 * process may have changed it); each write is a read-modify-write saved atomically (0600). Writing to a missing
 * file or profile creates it (the first profile becomes active). Reading a profile that points to external
 * storage throws `ERR_PROFILE_EXTERNAL`; a missing file or profile reads as empty.
 *
 * @example
 * const storage = createIniProfileStorage({ path: 'keeper.ini', profile: '_default' });
 * const config = await readDeviceConfig(storage);
 */
export function createIniProfileStorage(options: IniProfileStorageOptions): IniProfileStorage {
  const { path, profile } = options;

  async function current(): Promise<Record<string, string>> {
    let loaded: Awaited<ReturnType<typeof loadKeeperIni>>;
    try {
      loaded = await loadKeeperIni(path);
    } catch (error) {
      if (error instanceof ConfigError && error.code === 'ERR_INI_NOT_FOUND') return {};
      throw error;
    }
    if (!listProfiles(loaded.document).includes(profile)) return {};
    const entry = getProfile(loaded.document, profile);
    if (!('record' in entry)) throw externalProfile(profile, entry.storage);
    return { ...entry.record };
  }

  async function change(key: string, value: string | undefined): Promise<void> {
    await updateKeeperIni(path, (doc) => {
      const record: Record<string, string> = {};
      if (doc.sections.has(profile)) {
        const entry = getProfile(doc, profile);
        if (!('record' in entry)) throw externalProfile(profile, entry.storage);
        Object.assign(record, entry.record);
        // Keep keys this package does not know (e.g. written by a newer KSM CLI).
        for (const name of (doc.sections.get(profile) as IniSection).keys()) {
          const known = Object.keys(entry.record).some((k) => iniKeyOf(k) === name);
          const text = iniValue(doc, profile, name);
          if (!known && typeof text === 'string') record[name] = text;
        }
      }
      if (value === undefined) delete record[key];
      else record[key] = value;
      setProfileRecord(doc, profile, record);
    });
  }

  return {
    path,
    profile,
    getString: async (key) => (await current())[key],
    saveString: (key, value) => change(key, value),
    delete: (key) => change(key, undefined),
  };
}
