// The owner directory: the owner keys and the CA key, kept apart from the data directory the server reads.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { dataDirPaths } from './data-dir.js';
import { readSettings } from './settings.js';

/** Where the owner's secrets live (each path falls back to the pre-owner-dir location inside the data dir). */
export interface OwnerDirPaths {
  readonly root: string;
  /** owner-keys.json: the owner key and key pair (only the admin tool reads it). */
  readonly ownerKeys: string;
  /** The local CA's private key (only the admin tool signs with it). */
  readonly caKey: string;
}

/**
 * The owner directory of a data directory: `explicit` (the `--owner-dir` flag), else `$KSMKIT_VAULT_OWNER_DIR`,
 * else the `ownerDir` `init` recorded in settings.json, else `<dataDir>-owner` beside the data directory.
 *
 * @example
 * resolveOwnerDir('/home/me/.ksmkit/vault'); // '/home/me/.ksmkit/vault-owner'
 */
export function resolveOwnerDir(dataDir: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  if (env.KSMKIT_VAULT_OWNER_DIR !== undefined && env.KSMKIT_VAULT_OWNER_DIR !== '') {
    return resolve(env.KSMKIT_VAULT_OWNER_DIR);
  }
  const recorded = existsSync(dataDirPaths(dataDir).settings) ? readSettings(dataDir).ownerDir : undefined;
  if (typeof recorded === 'string' && recorded !== '') return resolve(recorded);
  const root = resolve(dataDir);
  return join(dirname(root), `${basename(root)}-owner`);
}

/**
 * Paths of the owner's files. A vault initialised before owner directories existed keeps them in the data
 * directory: those legacy paths are returned while the owner directory does not hold the file.
 *
 * @example
 * const { ownerKeys } = ownerDirPaths(dataDir);
 */
export function ownerDirPaths(dataDir: string, explicit?: string): OwnerDirPaths {
  const root = resolveOwnerDir(dataDir, explicit);
  const legacy = dataDirPaths(dataDir);
  const pick = (fresh: string, old: string) => (!existsSync(fresh) && existsSync(old) ? old : fresh);
  return {
    root,
    ownerKeys: pick(join(root, 'owner-keys.json'), legacy.ownerKeys),
    caKey: pick(join(root, 'ca-key.pem'), legacy.caKey),
  };
}
