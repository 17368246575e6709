// Finds the device config a credentialsId names and returns a ready client (through createNodeClient).
import { access } from 'node:fs/promises';
import {
  createEnvStorage,
  createIniProfileStorage,
  createJsonFileStorage,
  createNodeClient,
  findIniFile,
  listProfiles,
  loadKeeperIni,
} from '@ksmkit/config';
import type { KeyValueStorage, KsmClient } from '@ksmkit/core';
import { StepError } from '../errors.js';
import { CREDENTIAL_ID, type CredentialContext, configEnvNames, credentialFile, credentialsDir } from './locations.js';

/** A found credential: its client, where it came from, and its storage (to mask or inject the config). */
export interface FoundCredential {
  readonly id: string;
  readonly client: KsmClient;
  readonly storage: KeyValueStorage;
  /** `env:KSM_CONFIG_X`, `file:/path`, or `profile:NAME@/path/keeper.ini`. */
  readonly source: string;
  /** The environment variable the config came from (kept out of the child's environment). */
  readonly envName?: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Looks `id` up in order: `KSM_CONFIG_<ID>` (base64 or JSON), `<credentials dir>/<id>.json`, then a keeper.ini
 * profile named `id`. Throws `ERR_CREDENTIAL_NOT_FOUND` ("Cannot find the credential …", listing the places
 * searched) when none has it.
 *
 * @example
 * const { client } = await findCredential('ci', { env: process.env, cwd: process.cwd(), homedir: os.homedir() });
 */
export async function findCredential(id: string, context: CredentialContext): Promise<FoundCredential> {
  const searched: string[] = [];
  for (const name of configEnvNames(id)) {
    searched.push(`environment variable ${name}`);
    const value = context.env[name];
    if (value !== undefined && value.trim() !== '') {
      const storage = createEnvStorage(context.env, { name, writes: 'memory' });
      return { id, storage, source: `env:${name}`, envName: name, ...(await clientFor(storage)) };
    }
  }
  const dir = credentialsDir(context);
  if (CREDENTIAL_ID.test(id)) {
    const file = credentialFile(dir, id);
    searched.push(`credentials file ${file}`);
    if (await exists(file)) {
      const storage = createJsonFileStorage(file);
      return { id, storage, source: `file:${file}`, ...(await clientFor(storage)) };
    }
  }
  const ini = await findIniFile({ env: context.env, cwd: context.cwd, homedir: context.homedir });
  searched.push(ini === undefined ? 'keeper.ini profiles (no keeper.ini found)' : `keeper.ini profiles in ${ini}`);
  if (ini !== undefined) {
    const { document } = await loadKeeperIni(ini);
    if (listProfiles(document).includes(id)) {
      const storage = createIniProfileStorage({ path: ini, profile: id });
      return { id, storage, source: `profile:${id}@${ini}`, ...(await clientFor(storage)) };
    }
  }
  throw new StepError(
    'ERR_CREDENTIAL_NOT_FOUND',
    `Cannot find the credential for the public id ${JSON.stringify(id)}. Looked in: ${searched.join('; ')}. ` +
      `Add it with "ksm-step credentials add ${id} --token <ONE-TIME TOKEN>" or set ${configEnvNames(id).at(-1)} to a base64 config`,
    { credentialsId: id, searched },
  );
}

async function clientFor(storage: KeyValueStorage): Promise<{ client: KsmClient }> {
  const { client } = await createNodeClient({ storage });
  return { client };
}
