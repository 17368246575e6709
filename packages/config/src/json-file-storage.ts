// A KeyValueStorage over a JSON config file in the official SDKs' shape (`ksm-config.json`), read once, saved atomically.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { ConfigError } from './errors.js';
import { createWriteThroughStorage, type WriteThroughStorage } from './write-through-storage.js';

/** A storage bound to one JSON config file. */
export interface JsonFileStorage extends WriteThroughStorage {
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

/** The string view of a JSON object: null values dropped, other non-strings as `String(value)`. */
function strings(object: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(object).flatMap(([key, value]) =>
      value === undefined || value === null ? [] : [[key, typeof value === 'string' ? value : String(value)]],
    ),
  );
}

/**
 * A storage over a flat JSON config file, the shape the official SDKs read and write (`ksm-config.json`,
 * `client-config.json`). The file is read once; a missing or empty file reads as empty. Each write re-reads the
 * file, applies its changes (all of `update` at once) and saves it atomically (0600, 2-space indent), keeping
 * keys it does not know. Throws `ERR_CONFIG_FILE_INVALID` for a file that is not a JSON object, `ERR_FILE_IO`
 * otherwise.
 *
 * @example
 * const storage = createJsonFileStorage('ksm-config.json');
 * await initializeConfig(storage, 'US:ONE_TIME_TOKEN');
 */
export function createJsonFileStorage(path: string): JsonFileStorage {
  const storage = createWriteThroughStorage({
    load: async () => strings(await readObject(path)),
    write: async (changes) => {
      const object = await readObject(path);
      let dirty = false;
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) {
          if (!Object.hasOwn(object, key)) continue;
          delete object[key];
        } else if (object[key] === value) continue;
        else object[key] = value;
        dirty = true;
      }
      if (dirty) await writeFileAtomic(path, `${JSON.stringify(object, null, 2)}\n`);
      return strings(object);
    },
  });
  return { path, ...storage };
}
