// A KeyValueStorage over a JSON config file in the official SDKs' shape (`ksm-config.json`), saved atomically.
import { readFile } from 'node:fs/promises';
import type { KeyValueStorage } from '@ksmkit/core';
import { writeFileAtomic } from './atomic-file.js';
import { ConfigError } from './errors.js';

/** A storage bound to one JSON config file. */
export interface JsonFileStorage extends KeyValueStorage {
  readonly path: string;
}

async function readObject(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const errno = (cause as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (errno === 'ENOENT') return {};
    throw new ConfigError(
      'ERR_FILE_IO',
      `Could not read ${path} (${errno})`,
      { path, action: 'read', errno },
      { cause },
    );
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      'ERR_CONFIG_FILE_INVALID',
      `Config file ${path} is not a JSON object (expected {"hostname": …, "clientId": …})`,
      { path },
    );
  }
  return value as Record<string, unknown>;
}

/**
 * A storage over a flat JSON config file, the shape the official SDKs read and write (`ksm-config.json`,
 * `client-config.json`). A missing or empty file reads as empty; each write re-reads the file, changes one key
 * and saves it atomically (0600, 2-space indent), keeping keys it does not know. Throws `ERR_CONFIG_FILE_INVALID`
 * for a file that is not a JSON object, `ERR_FILE_IO` otherwise.
 *
 * @example
 * const storage = createJsonFileStorage('ksm-config.json');
 * await initializeConfig(storage, 'US:ONE_TIME_TOKEN');
 */
export function createJsonFileStorage(path: string): JsonFileStorage {
  async function change(key: string, value: string | undefined): Promise<void> {
    const object = await readObject(path);
    if (value === undefined) {
      if (!Object.hasOwn(object, key)) return;
      delete object[key];
    } else object[key] = value;
    await writeFileAtomic(path, `${JSON.stringify(object, null, 2)}\n`);
  }
  return {
    path,
    getString: async (key) => {
      const value = (await readObject(path))[key];
      if (value === undefined || value === null) return undefined;
      return typeof value === 'string' ? value : String(value);
    },
    saveString: (key, value) => change(key, value),
    delete: (key) => change(key, undefined),
  };
}
