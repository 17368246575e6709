// A KeyValueStorage over one profile of a keeper.ini: read once, every change saved in one atomic rewrite.
import { ConfigError } from './errors.js';
import { type IniSection, iniValue } from './ini-text.js';
import { externalProfile, getProfile, iniKeyOf, listProfiles, setProfileRecord } from './keeper-ini.js';
import { loadKeeperIni, updateKeeperIni } from './keeper-ini-file.js';
import { createWriteThroughStorage, type StorageChanges, type WriteThroughStorage } from './write-through-storage.js';

/** Where an INI profile storage reads and writes. */
export interface IniProfileStorageOptions {
  /** The keeper.ini path. */
  readonly path: string;
  /** The profile (section) name. */
  readonly profile: string;
  /** The profile's keys as just read by the caller (e.g. `resolveConfig`), so the file is not read again. */
  readonly loaded?: Readonly<Record<string, string>> | undefined;
}

/** A storage bound to one keeper.ini profile. */
export interface IniProfileStorage extends WriteThroughStorage {
  readonly path: string;
  readonly profile: string;
}

/**
 * A storage whose keys live in profile `profile` of the keeper.ini at `path`. The file is read once (later reads
 * come from memory); each write, one key or all of `update` at once (binding), re-reads the file, changes this
 * profile and saves it atomically (0600), so other profiles written meanwhile are kept. Writing to a missing
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

  async function change(changes: StorageChanges): Promise<Record<string, string>> {
    return updateKeeperIni(path, (doc) => {
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
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      setProfileRecord(doc, profile, record);
      return record;
    });
  }

  const { loaded } = options;
  const load = loaded === undefined ? current : async () => ({ ...loaded });
  return { path, profile, ...createWriteThroughStorage({ load, write: change }) };
}
