// The async key/value storage a device config lives in; shaped like the official SDK's so its storages fit.

/**
 * Where a device config is kept: flat string keys to string values. Backends (in-memory here; files, OS
 * keyrings and cloud secret stores elsewhere) only move strings; typing and validation live in
 * `readDeviceConfig` / `writeDeviceConfig`. The method names match the official SDK's `KeyValueStorage`, so
 * any official storage (`inMemoryStorage`, `localConfigStorage`, `loadJsonConfig`) can be passed as is.
 *
 * @example
 * const storage: KeyValueStorage = createMemoryStorage();
 * await storage.saveString('hostname', 'keepersecurity.com');
 * await storage.getString('hostname'); // 'keepersecurity.com'
 */
export interface KeyValueStorage {
  /** The value stored under `key`, or undefined when there is none. */
  getString(key: string): Promise<string | undefined>;
  /** Stores `value` under `key`, replacing any previous value. */
  saveString(key: string, value: string): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Optional: applies several changes at once (a string sets a key, `undefined` removes it), all or nothing.
   * File backends save them in one atomic write; `writeDeviceConfig` / `updateDeviceConfig` (binding) use it
   * when present, else they call `saveString` / `delete` key by key.
   */
  update?(changes: Readonly<Record<string, string | undefined>>): Promise<void>;
}
