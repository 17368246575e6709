// Loading and saving keeper.ini files: permission warnings on read, atomic 0600 writes.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { ConfigError } from './errors.js';
import { type ConfigWarning, checkConfigPermissions } from './file-permissions.js';
import { type IniDocument, parseIni, serializeIni } from './ini-text.js';
import { createKeeperIni } from './keeper-ini.js';

/** A loaded keeper.ini and what was noticed while loading it. */
export interface LoadedKeeperIni {
  readonly path: string;
  readonly document: IniDocument;
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Reads and parses a keeper.ini. Throws `ERR_INI_NOT_FOUND` when it does not exist, `ERR_INI_SYNTAX`, or
 * `ERR_FILE_IO`. Wider-than-0600 permissions come back as warnings.
 *
 * @example
 * const { document, warnings } = await loadKeeperIni('/home/me/keeper.ini');
 */
export async function loadKeeperIni(path: string): Promise<LoadedKeeperIni> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const errno = (cause as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (errno === 'ENOENT') {
      throw new ConfigError('ERR_INI_NOT_FOUND', `Keeper INI file ${path} does not exist`, { path }, { cause });
    }
    throw new ConfigError(
      'ERR_FILE_IO',
      `Could not read ${path} (${errno})`,
      { path, action: 'read', errno },
      { cause },
    );
  }
  const document = parseIni(text);
  return { path, document, warnings: await checkConfigPermissions(path) };
}

/**
 * Writes a keeper.ini atomically with mode 0600 (directories created 0700).
 *
 * @example
 * await saveKeeperIni(path, document);
 */
export async function saveKeeperIni(path: string, document: IniDocument): Promise<void> {
  await writeFileAtomic(path, serializeIni(document));
}

/**
 * Loads `path` (or starts a new keeper.ini when it does not exist), lets `change` edit it, and saves it
 * atomically. Returns what `change` returned.
 *
 * @example
 * await updateKeeperIni(path, (doc) => setActiveProfile(doc, 'prod'));
 */
export async function updateKeeperIni<T>(path: string, change: (document: IniDocument) => T | Promise<T>): Promise<T> {
  let document: IniDocument;
  try {
    document = (await loadKeeperIni(path)).document;
  } catch (error) {
    if (!(error instanceof ConfigError && error.code === 'ERR_INI_NOT_FOUND')) throw error;
    document = createKeeperIni();
  }
  const result = await change(document);
  await saveKeeperIni(path, document);
  return result;
}
