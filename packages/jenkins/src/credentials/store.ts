// The credentials directory behind `ksm-step credentials`: add (bind a one-time token), replace, validate, list, remove.
import { readdir, rm, stat } from 'node:fs/promises';
import { createNodeClient, writeFileAtomic } from '@ksmkit/config';
import {
  createMemoryStorage,
  deviceConfigToRecord,
  type InitializeConfigOptions,
  initializeConfig,
  parseDeviceConfig,
} from '@ksmkit/core';
import { StepError } from '../errors.js';
import { CREDENTIAL_ID, type CredentialContext, configEnvNames, credentialFile, credentialsDir } from './locations.js';
import { findCredential } from './lookup.js';

function checkId(id: string): void {
  if (!CREDENTIAL_ID.test(id))
    throw new StepError(
      'ERR_CREDENTIAL_INVALID',
      `Invalid credential id ${JSON.stringify(id)}: use letters, digits, '.', '_' and '-'`,
    );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Binds a config held in memory (one get_secret) and returns its stored form without the one-time key. */
async function bind(storage: ReturnType<typeof createMemoryStorage>): Promise<{ text: string; records: number }> {
  const { client } = await createNodeClient({ storage });
  const { records } = await client.getSecrets();
  const config = deviceConfigToRecord(await parseDeviceConfig(JSON.stringify(storage.snapshot()))) as Record<
    string,
    string
  >;
  delete config.clientKey;
  return { text: `${JSON.stringify(config, null, 2)}\n`, records: records.length };
}

/**
 * `credentials add ID --token OTT`: redeems the one-time token (a new device key, one get_secret to bind it),
 * stores the config 0600 in the credentials directory (0700) and keeps no trace of the token. Nothing is
 * written when the token is rejected. Throws `ERR_CREDENTIAL_EXISTS` unless `force`.
 *
 * @example
 * await addCredential('ci', process.env.KSM_STEP_TOKEN!, { hostname: 'keepersecurity.eu' }, context);
 */
export async function addCredential(
  id: string,
  token: string,
  init: InitializeConfigOptions,
  context: CredentialContext,
  force = false,
): Promise<{ path: string; records: number }> {
  checkId(id);
  const path = credentialFile(credentialsDir(context), id);
  if (!force && (await exists(path)))
    throw new StepError(
      'ERR_CREDENTIAL_EXISTS',
      `Credential ${id} already exists at ${path}; use credentials replace, or --force`,
    );
  const storage = createMemoryStorage();
  await initializeConfig(storage, token.trim(), init);
  const { text, records } = await bind(storage);
  await writeFileAtomic(path, text);
  return { path, records };
}

/**
 * `credentials replace ID --config FILE|-`: stores a device config (JSON or base64, e.g. from `ksm profile export`)
 * after checking that it works (one get_secret), like the plugin's "Replace Keys…".
 *
 * @example
 * await replaceCredential('ci', configText, context);
 */
export async function replaceCredential(
  id: string,
  configText: string,
  context: CredentialContext,
): Promise<{ path: string; records: number }> {
  checkId(id);
  const config = deviceConfigToRecord(await parseDeviceConfig(configText.trim())) as Record<string, string>;
  const { text, records } = await bind(createMemoryStorage(config));
  const path = credentialFile(credentialsDir(context), id);
  await writeFileAtomic(path, text);
  return { path, records };
}

/**
 * `credentials validate ID`: finds the credential wherever it lives and makes one get_secret with it.
 *
 * @example
 * const { records, source } = await validateCredential('ci', context);
 */
export async function validateCredential(
  id: string,
  context: CredentialContext,
): Promise<{ source: string; records: number }> {
  const found = await findCredential(id, context);
  const { records } = await found.client.getSecrets();
  return { source: found.source, records: records.length };
}

/**
 * `credentials list`: ids in the credentials directory and `KSM_CONFIG_<ID>` variables set (names only).
 *
 * @example
 * for (const { id, source } of await listCredentials(context)) console.log(id, source);
 */
export async function listCredentials(context: CredentialContext): Promise<{ id: string; source: string }[]> {
  const dir = credentialsDir(context);
  const found: { id: string; source: string }[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith('.json') && CREDENTIAL_ID.test(name.slice(0, -5)))
      found.push({ id: name.slice(0, -5), source: `file:${credentialFile(dir, name.slice(0, -5))}` });
  }
  for (const [name, value] of Object.entries(context.env)) {
    if (/^KSM_CONFIG_(?!BASE64_|COUNT$)./.test(name) && value !== undefined && value.trim() !== '')
      found.push({ id: name.slice('KSM_CONFIG_'.length), source: `env:${name}` });
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * `credentials remove ID`: deletes the stored config; `ERR_CREDENTIAL_NOT_FOUND` when there is none.
 *
 * @example
 * await removeCredential('ci', context);
 */
export async function removeCredential(id: string, context: CredentialContext): Promise<string> {
  checkId(id);
  const path = credentialFile(credentialsDir(context), id);
  if (!(await exists(path)))
    throw new StepError('ERR_CREDENTIAL_NOT_FOUND', `Cannot find the credential ${id} in ${credentialsDir(context)}`, {
      credentialsId: id,
      searched: [path, ...configEnvNames(id)],
    });
  await rm(path);
  return path;
}
