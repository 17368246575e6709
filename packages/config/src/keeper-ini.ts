// keeper.ini as Keeper's KSM CLI writes it: a `[_config]` section with `active_profile`, one section per profile.
import type { DeviceConfig, DeviceConfigKey, DeviceConfigRecord } from '@ksmkit/core';
import { DEVICE_CONFIG_KEYS, deviceConfigFromRecord, deviceConfigToRecord } from '@ksmkit/core';
import { ConfigError } from './errors.js';
import { createIniDocument, type IniDocument, type IniSection, iniValue } from './ini-text.js';

/** Name of the section holding CLI settings and the active-profile marker (never a profile). */
export const CONFIG_SECTION = '_config';
/** Key in `[_config]` naming the active profile. */
export const ACTIVE_PROFILE_KEY = 'active_profile';
/** Profile name the KSM CLI uses when none is given. */
export const DEFAULT_PROFILE = '_default';

/** Profile keys the KSM CLI writes, in its order (lower-cased by configparser), and the config key each holds. */
const KEEPER_KEYS: ReadonlyArray<readonly [string, DeviceConfigKey]> = [
  ['clientid', 'clientId'],
  ['privatekey', 'privateKey'],
  ['appkey', 'appKey'],
  ['hostname', 'hostname'],
  ['appownerpublickey', 'appOwnerPublicKey'],
  ['serverpublickeyid', 'serverPublicKeyId'],
];
/** Config keys the KSM CLI does not store; ksmkit adds them (lower-cased) only when present, after Keeper's six. */
const EXTRA_KEYS = DEVICE_CONFIG_KEYS.filter((key) => !KEEPER_KEYS.some(([, k]) => k === key));

/** The option name a config key has inside a keeper.ini profile section. */
export function iniKeyOf(key: string): string {
  return key.toLowerCase();
}

/** What a profile section holds: a device config kept in the file, or a pointer to external storage. */
export type ProfileEntry =
  | { readonly storage: 'internal'; readonly record: DeviceConfigRecord }
  | { readonly storage: string; readonly settings: Readonly<Record<string, string>> };

/**
 * Throws `ERR_PROFILE_RESERVED` for names that cannot be profiles: `_config`, `DEFAULT`, blank, or containing
 * brackets or line breaks.
 *
 * @example
 * checkProfileName('prod'); // ok
 */
export function checkProfileName(name: string): void {
  if (name === CONFIG_SECTION || name === 'DEFAULT' || name.trim() === '' || /[[\]\r\n]/.test(name)) {
    throw new ConfigError(
      'ERR_PROFILE_RESERVED',
      `"${name}" cannot be a profile name (reserved, empty or containing brackets/line breaks); choose another, e.g. "prod"`,
      { profile: name },
    );
  }
}

function notFound(doc: IniDocument, name: string): ConfigError {
  const known = listProfiles(doc).join(', ') || 'none';
  return new ConfigError(
    'ERR_PROFILE_NOT_FOUND',
    `Profile "${name}" does not exist in the INI file (profiles: ${known})`,
    {
      profile: name,
    },
  );
}

/**
 * The profile names of a keeper.ini, in file order (`[_config]` excluded).
 *
 * @example
 * listProfiles(doc); // ['_default', 'prod']
 */
export function listProfiles(doc: IniDocument): string[] {
  return [...doc.sections.keys()].filter((name) => name !== CONFIG_SECTION);
}

/**
 * The profile marked active in `[_config]`, or undefined when there is none.
 *
 * @example
 * getActiveProfile(doc); // '_default'
 */
export function getActiveProfile(doc: IniDocument): string | undefined {
  const value = doc.sections.get(CONFIG_SECTION)?.get(ACTIVE_PROFILE_KEY);
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** The `[_config]` section, created with the KSM CLI's defaults when missing. */
function configSection(doc: IniDocument): IniSection {
  let section = doc.sections.get(CONFIG_SECTION);
  if (section === undefined) {
    section = new Map<string, string | null>([
      [ACTIVE_PROFILE_KEY, null],
      ['color', 'True'],
      ['cache', 'False'],
      ['record_type_dir', null],
      ['editor', null],
      ['editor_use_blocking', 'False'],
      ['editor_process_name', null],
    ]);
    // The KSM CLI writes [_config] first; keep that order for new files.
    const rest = [...doc.sections];
    doc.sections.clear();
    doc.sections.set(CONFIG_SECTION, section);
    for (const [name, values] of rest) doc.sections.set(name, values);
  }
  return section;
}

/**
 * Marks `name` as the active profile (it must exist). Throws `ERR_PROFILE_NOT_FOUND`.
 *
 * @example
 * setActiveProfile(doc, 'prod');
 */
export function setActiveProfile(doc: IniDocument, name: string): void {
  if (!listProfiles(doc).includes(name)) throw notFound(doc, name);
  configSection(doc).set(ACTIVE_PROFILE_KEY, name);
}

/**
 * Reads a profile: its device config record (`storage` absent, empty or `internal`) or its external storage
 * settings (e.g. `storage = aws`). Values are not validated here; `profileConfig` does. Throws
 * `ERR_PROFILE_NOT_FOUND`.
 *
 * @example
 * const entry = getProfile(doc, '_default');
 * if (entry.storage === 'internal') entry.record.hostname;
 */
export function getProfile(doc: IniDocument, name: string): ProfileEntry {
  if (name === CONFIG_SECTION || !doc.sections.has(name)) throw notFound(doc, name);
  const storage = iniValue(doc, name, 'storage') ?? '';
  if (storage !== '' && storage !== 'internal') {
    const settings: Record<string, string> = {};
    const keys = new Set([...doc.defaults.keys(), ...(doc.sections.get(name) as IniSection).keys()]);
    for (const key of keys) {
      const value = iniValue(doc, name, key);
      if (key !== 'storage' && value !== null && value !== undefined) settings[key] = value;
    }
    return { storage, settings };
  }
  const record: DeviceConfigRecord = {};
  for (const key of DEVICE_CONFIG_KEYS) {
    const value = iniValue(doc, name, iniKeyOf(key));
    if (value !== null && value !== undefined && value !== '') record[key] = value;
  }
  return { storage: 'internal', record };
}

/**
 * The validated device config of a profile kept in the file. Throws `ERR_PROFILE_NOT_FOUND`,
 * `ERR_PROFILE_EXTERNAL` (the profile points to AWS or another store), or core's `ERR_INVALID_CONFIG` /
 * `ERR_CONFIG_NOT_INITIALIZED`.
 *
 * @example
 * const config = await profileConfig(doc, getActiveProfile(doc) ?? DEFAULT_PROFILE);
 */
export async function profileConfig(doc: IniDocument, name: string): Promise<DeviceConfig> {
  const entry = getProfile(doc, name);
  if (!('record' in entry)) throw externalProfile(name, entry.storage);
  return deviceConfigFromRecord(entry.record);
}

/** ERR_PROFILE_EXTERNAL for a profile whose config lives in another store. */
export function externalProfile(name: string, storage: string): ConfigError {
  return new ConfigError(
    'ERR_PROFILE_EXTERNAL',
    `Profile "${name}" keeps its config in external storage (${storage}), not in the INI file`,
    { profile: name, storage },
  );
}

/**
 * Replaces (or adds) profile `name` with a stored device config record in the KSM CLI's layout: its six keys
 * (`clientid`, `privatekey`, `appkey`, `hostname`, `appownerpublickey`, `serverpublickeyid`; bare when absent),
 * then ksmkit's extra keys when present (`clientkey`, `serverpublickey`, `cacertificate`), then any other keys of
 * `record` (lower-cased; kept for forward compatibility). The first profile
 * added becomes the active one. Throws `ERR_PROFILE_RESERVED`.
 *
 * @example
 * setProfileRecord(doc, 'prod', deviceConfigToRecord(config));
 */
export function setProfileRecord(
  doc: IniDocument,
  name: string,
  record: Readonly<Record<string, string | undefined>>,
): void {
  checkProfileName(name);
  const section: IniSection = new Map();
  for (const [iniKey, key] of KEEPER_KEYS) section.set(iniKey, record[key] ?? null);
  for (const key of EXTRA_KEYS) {
    const value = record[key];
    if (value !== undefined) section.set(iniKeyOf(key), value);
  }
  for (const [key, value] of Object.entries(record)) {
    const known = (DEVICE_CONFIG_KEYS as readonly string[]).includes(key);
    if (!known && value !== undefined && !section.has(iniKeyOf(key))) section.set(iniKeyOf(key), value);
  }
  setSection(doc, name, section);
}

/**
 * Stores a validated device config as profile `name` (see `setProfileRecord`).
 *
 * @example
 * setProfileConfig(doc, '_default', await parseDeviceConfig(base64Config));
 */
export function setProfileConfig(doc: IniDocument, name: string, config: DeviceConfig): void {
  setProfileRecord(doc, name, deviceConfigToRecord(config));
}

/**
 * Stores a profile that points to external storage (`storage = aws` plus its settings, as the KSM CLI's
 * `profile setup` writes it). Throws `ERR_PROFILE_RESERVED`.
 *
 * @example
 * setExternalProfile(doc, 'cloud', 'aws', { provider: 'ec2instance', secret: 'ksm-config' });
 */
export function setExternalProfile(
  doc: IniDocument,
  name: string,
  storage: string,
  settings: Readonly<Record<string, string>>,
): void {
  checkProfileName(name);
  const section: IniSection = new Map([['storage', storage]]);
  for (const [key, value] of Object.entries(settings)) section.set(key.toLowerCase(), value);
  setSection(doc, name, section);
}

function setSection(doc: IniDocument, name: string, section: IniSection): void {
  const marker = configSection(doc);
  doc.sections.set(name, section);
  if (getActiveProfile(doc) === undefined) marker.set(ACTIVE_PROFILE_KEY, name);
}

/**
 * Removes profile `name`; clears the active marker when it pointed there. Throws `ERR_PROFILE_NOT_FOUND`.
 *
 * @example
 * removeProfile(doc, 'old');
 */
export function removeProfile(doc: IniDocument, name: string): void {
  if (name === CONFIG_SECTION || !doc.sections.delete(name)) throw notFound(doc, name);
  if (getActiveProfile(doc) === name) configSection(doc).set(ACTIVE_PROFILE_KEY, null);
}

/**
 * A new keeper.ini document holding only the `[_config]` section with the KSM CLI's defaults.
 *
 * @example
 * const doc = createKeeperIni();
 * setProfileConfig(doc, DEFAULT_PROFILE, config);
 */
export function createKeeperIni(): IniDocument {
  const doc = createIniDocument();
  configSection(doc);
  return doc;
}
