// Typed reads and writes of a device config held in a KeyValueStorage.
import {
  DEVICE_CONFIG_KEYS,
  type DeviceConfig,
  deviceConfigFromRecord,
  deviceConfigToRecord,
} from './device-config.js';
import type { KeyValueStorage } from './storage.js';

/** Changes for `updateDeviceConfig`: a value sets a field, `null` removes it, absent leaves it as it is. */
export type DeviceConfigChanges = {
  readonly [K in keyof DeviceConfig]?: DeviceConfig[K] | null;
};

/**
 * Reads and validates the device config in `storage` (see `deviceConfigFromRecord` for the rules); while the stored
 * strings stay the same, the config decoded last time is returned (the same object) without decoding it again. Throws
 * `ERR_CONFIG_NOT_INITIALIZED` when the storage holds no `clientId`, `ERR_INVALID_CONFIG` otherwise.
 *
 * @example
 * const config = await readDeviceConfig(storage);
 * const { id, publicKey } = resolveServerKey(config);
 */
export async function readDeviceConfig(storage: KeyValueStorage): Promise<DeviceConfig> {
  const record: Record<string, string> = {};
  for (const key of DEVICE_CONFIG_KEYS) {
    const value = await storage.getString(key);
    if (value !== undefined) record[key] = value;
  }
  // The client reads the config for every request attempt: decode and validate (PKCS#8, HMAC) only when it changed.
  const last = decoded.get(storage);
  if (last !== undefined && sameRecord(last.record, record)) return last.config;
  const config = await deviceConfigFromRecord(record);
  decoded.set(storage, { record, config });
  return config;
}

/** The last record read from each storage and its decoded config (entries go with their storage). */
const decoded = new WeakMap<KeyValueStorage, { record: Readonly<Record<string, string>>; config: DeviceConfig }>();

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return DEVICE_CONFIG_KEYS.every((key) => a[key] === b[key]);
}

/**
 * Validates `config` and writes it to `storage` in the official stored form, deleting the known keys it does
 * not have (e.g. `clientKey` after binding); other keys in the storage are left alone. `clientId` is written
 * last, so an interrupted write never looks like a complete config to `initializeConfig`.
 *
 * @example
 * await writeDeviceConfig(storage, await parseDeviceConfig(configText));
 */
export async function writeDeviceConfig(storage: KeyValueStorage, config: DeviceConfig): Promise<void> {
  const record = deviceConfigToRecord(config);
  if (storage.update !== undefined) {
    const changes: Record<string, string | undefined> = {};
    for (const key of DEVICE_CONFIG_KEYS) changes[key] = record[key];
    await storage.update(changes);
    return;
  }
  for (const key of DEVICE_CONFIG_KEYS) {
    if (key === 'clientId') continue;
    const value = record[key];
    if (value === undefined) await storage.delete(key);
    else await storage.saveString(key, value);
  }
  await storage.saveString('clientId', record.clientId as string);
}

/**
 * Reads the config, applies `changes` (`null` removes a field), validates the result fully (a `clientKey` must
 * still match `clientId`) and only then writes the keys whose stored value changes. For binding
 * (`{ appKey, appOwnerPublicKey, clientKey: null }`) and server key rotation (`{ serverPublicKeyId: 9 }`).
 * Returns the new config; throws `ERR_INVALID_CONFIG` without writing anything. A storage with `update` gets all
 * changed keys in one call (one atomic file write).
 *
 * @example
 * await updateDeviceConfig(storage, { appKey, appOwnerPublicKey, clientKey: null });
 */
export async function updateDeviceConfig(
  storage: KeyValueStorage,
  changes: DeviceConfigChanges,
): Promise<DeviceConfig> {
  const current = await readDeviceConfig(storage);
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  const before = deviceConfigToRecord(current);
  const after = deviceConfigToRecord(next as unknown as DeviceConfig);
  const config = await deviceConfigFromRecord(after);
  const changed = DEVICE_CONFIG_KEYS.filter((key) => after[key] !== before[key]);
  if (storage.update !== undefined) {
    if (changed.length > 0) await storage.update(Object.fromEntries(changed.map((key) => [key, after[key]])));
    return config;
  }
  for (const key of changed) {
    const value = after[key];
    if (value === undefined) await storage.delete(key);
    else await storage.saveString(key, value);
  }
  return config;
}
