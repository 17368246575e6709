// Linux keyring (Secret Service) items exactly as Keeper's lkru labels them, and a KeyValueStorage on one item.
import type { KeyValueStorage } from '@ksmkit/core';
import { utf8Decode, utf8Encode } from '@ksmkit/core';
import { ConfigError } from './errors.js';
import { type CollectionRef, collectionPath, openSecretService, type SecretService } from './secret-service.js';
import { parseStoredConfig } from './stored-config.js';

/** lkru's default application name (its `-a` flag). */
export const LKRU_APPLICATION = 'lkru';
/** The `Agent` attribute lkru puts on every item. */
export const LKRU_AGENT = 'kkru (Keeper Keyring Utility)';
/** The content type lkru stores secrets with. */
export const LKRU_CONTENT_TYPE = 'text/plain; charset=utf8';

/**
 * The attributes lkru sets on (and searches for) an item: `Agent`, `Application`, `Id` (= the item's label).
 *
 * @example
 * lkruAttributes('ksm-config'); // { Agent: 'kkru (Keeper Keyring Utility)', Application: 'lkru', Id: 'ksm-config' }
 */
export function lkruAttributes(name: string, application = LKRU_APPLICATION): Record<string, string> {
  return { Agent: LKRU_AGENT, Application: application, Id: name };
}

/** Where keyring items live. */
export interface KeyringOptions {
  /** Environment holding `DBUS_SESSION_BUS_ADDRESS` (e.g. `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A named collection (lkru's `-c`, e.g. `login`); default: the `default` alias (the user's default keyring). */
  readonly collection?: string | undefined;
  /** Application attribute (lkru's `-a`); default `lkru`. */
  readonly application?: string | undefined;
  /** Keyring password for headless unlock (GNOME Keyring only); without it a locked keyring shows a prompt. */
  readonly password?: string | undefined;
}

function refOf(options: KeyringOptions): CollectionRef {
  return options.collection ? { name: options.collection } : { alias: 'default' };
}

async function withCollection<T>(
  options: KeyringOptions,
  fn: (service: SecretService, collection: string) => Promise<T>,
): Promise<T> {
  const service = await openSecretService(options.env);
  try {
    const collection = collectionPath(refOf(options));
    if (options.password !== undefined) await service.unlockWithPassword(collection, options.password);
    else await service.unlock(collection);
    return await fn(service, collection);
  } finally {
    await service.close();
  }
}

async function findItem(
  service: SecretService,
  collection: string,
  name: string,
  application: string,
): Promise<string | undefined> {
  const items = await service.searchItems(collection, lkruAttributes(name, application));
  if (items.length > 1) {
    throw new ConfigError('ERR_KEYRING_FAILED', `More than one keyring item matches "${name}"; delete the duplicates`, {
      name,
      count: items.length,
    });
  }
  return items[0];
}

/**
 * The data of keyring item `name` (as `lkru get NAME`). Throws `ERR_KEYRING_SECRET_NOT_FOUND`, and the
 * connection errors of `openSecretService`.
 *
 * @example
 * const json = await keyringGet('ksm-config', { env: process.env });
 */
export async function keyringGet(name: string, options: KeyringOptions): Promise<string> {
  const application = options.application ?? LKRU_APPLICATION;
  return withCollection(options, async (service, collection) => {
    const item = await findItem(service, collection, name, application);
    if (item === undefined) {
      throw new ConfigError('ERR_KEYRING_SECRET_NOT_FOUND', `No matching secret "${name}" in the keyring`, {
        name,
        application,
      });
    }
    return utf8Decode(await service.getSecret(item));
  });
}

/**
 * Stores `data` as keyring item `name`, creating or overwriting it (as `lkru set NAME DATA`): label `name`,
 * attributes `lkruAttributes`, content type `text/plain; charset=utf8`.
 *
 * @example
 * await keyringSet('ksm-config', configJson, { env: process.env, collection: 'login' });
 */
export async function keyringSet(name: string, data: string, options: KeyringOptions): Promise<void> {
  const application = options.application ?? LKRU_APPLICATION;
  await withCollection(options, async (service, collection) => {
    // Only ask to replace when the item exists: some services replace an unrelated item otherwise (lkru does the same).
    const exists = (await findItem(service, collection, name, application)) !== undefined;
    await service.createItem(
      collection,
      name,
      lkruAttributes(name, application),
      utf8Encode(data),
      LKRU_CONTENT_TYPE,
      exists,
    );
  });
}

/**
 * Deletes keyring item `name` (as `lkru del NAME`). Throws `ERR_KEYRING_SECRET_NOT_FOUND` when there is none.
 *
 * @example
 * await keyringDelete('ksm-config', { env: process.env });
 */
export async function keyringDelete(name: string, options: KeyringOptions): Promise<void> {
  const application = options.application ?? LKRU_APPLICATION;
  await withCollection(options, async (service, collection) => {
    const item = await findItem(service, collection, name, application);
    if (item === undefined) {
      throw new ConfigError('ERR_KEYRING_SECRET_NOT_FOUND', `No matching secret "${name}" in the keyring`, {
        name,
        application,
      });
    }
    await service.deleteItem(item);
  });
}

function parseItem(text: string, name: string): Record<string, string> {
  const record = parseStoredConfig(text); // JSON, or base64 stored with `lkru set -b`
  if (record === undefined) {
    throw new ConfigError('ERR_CONFIG_FILE_INVALID', `Keyring item "${name}" does not hold a KSM config JSON object`, {
      name,
    });
  }
  return record;
}

/** Options of `createKeyringStorage`. */
export interface KeyringStorageOptions extends KeyringOptions {
  /** The item holding the config (label and `Id`); default `ksm-config`. */
  readonly name?: string | undefined;
}

/**
 * A storage whose keys live in one keyring item as a config JSON object (base64 JSON, as `lkru set -b` stores it,
 * is read too). Read once and cached; each write stores the whole JSON through `keyringSet`, so `lkru get NAME`
 * prints a config usable as `KSM_CONFIG`. A missing item reads as empty.
 *
 * @example
 * const storage = createKeyringStorage({ env: process.env });
 * await initializeConfig(storage, 'US:ONE_TIME_TOKEN');
 */
export function createKeyringStorage(options: KeyringStorageOptions): KeyValueStorage {
  const name = options.name ?? 'ksm-config';
  let cache: Record<string, string> | undefined;
  const load = async (): Promise<Record<string, string>> => {
    if (cache !== undefined) return cache;
    try {
      cache = parseItem(await keyringGet(name, options), name);
    } catch (error) {
      if (!(error instanceof ConfigError && error.code === 'ERR_KEYRING_SECRET_NOT_FOUND')) throw error;
      cache = {};
    }
    return cache;
  };
  const save = async (record: Record<string, string>) => {
    await keyringSet(name, JSON.stringify(record), options);
    cache = record;
  };
  return {
    getString: async (key) => (await load())[key],
    saveString: async (key, value) => save({ ...(await load()), [key]: value }),
    delete: async (key) => {
      const current = await load();
      if (!Object.hasOwn(current, key)) return;
      const { [key]: _removed, ...rest } = current;
      await save(rest);
    },
  };
}
