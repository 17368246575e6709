// A read-only KeyValueStorage over a config in an environment variable (`KSM_CONFIG`: base64 or JSON).
import type { KeyValueStorage } from '@ksmkit/core';
import { createMemoryStorage, deviceConfigToRecord, parseDeviceConfig } from '@ksmkit/core';
import { ConfigError } from './errors.js';

/** Options of `createEnvStorage`. */
export interface EnvStorageOptions {
  /** The variable to read; default `KSM_CONFIG`. */
  readonly name?: string;
  /** `reject` (default): writes throw `ERR_READ_ONLY`. `memory`: writes are kept in memory for this process only. */
  readonly writes?: 'reject' | 'memory';
}

/**
 * A storage holding the device config found in an environment variable (default `KSM_CONFIG`), as base64 (either
 * alphabet) or JSON. The value is parsed and validated on first use (core's `parseDeviceConfig`; errors never
 * echo it); a missing or blank variable throws `ERR_NO_CONFIG`. Read-only: writes throw `ERR_READ_ONLY` unless
 * `writes: 'memory'`.
 *
 * @example
 * const storage = createEnvStorage(process.env);
 * const config = await readDeviceConfig(storage);
 */
export function createEnvStorage(
  env: Readonly<Record<string, string | undefined>>,
  options: EnvStorageOptions = {},
): KeyValueStorage {
  const name = options.name ?? 'KSM_CONFIG';
  let loaded: Promise<KeyValueStorage> | undefined;
  const load = (): Promise<KeyValueStorage> => {
    loaded ??= (async () => {
      const text = env[name];
      if (text === undefined || text.trim() === '') {
        throw new ConfigError('ERR_NO_CONFIG', `The environment variable ${name} is not set`, { variable: name });
      }
      const record = deviceConfigToRecord(await parseDeviceConfig(text));
      return createMemoryStorage(record as Record<string, string>);
    })();
    return loaded;
  };
  const readOnly = async (): Promise<never> => {
    throw new ConfigError(
      'ERR_READ_ONLY',
      `The config from ${name} is read-only; store it in a profile (ksm profile import) to let it change`,
      { variable: name },
    );
  };
  return {
    getString: async (key) => (await load()).getString(key),
    saveString: async (key, value) =>
      options.writes === 'memory' ? (await load()).saveString(key, value) : readOnly(),
    delete: async (key) => (options.writes === 'memory' ? (await load()).delete(key) : readOnly()),
  };
}
