// Prepares a block: validate, find credentials, resolve every value, then write files (cleanup registered first).
import { deviceConfigToRecord, readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import type { SecretInput } from '@ksmkit/redact';
import { type CredentialContext, type FoundCredential, findCredential } from '../credentials/index.js';
import { type ResolvedSecret, resolveApplication } from '../resolve/resolve-application.js';
import type { WithKsmSpec } from '../spec/types.js';
import { validateSpec } from '../spec/validate.js';
import type { Cleanup } from './cleanup.js';
import { writeSecretFile } from './workspace-files.js';

/** Options of `prepareBlock`. */
export interface PrepareOptions {
  readonly workspace: string;
  readonly context: CredentialContext;
  readonly cleanup: Cleanup;
  /** Also give the block each credential's config as `KSM_CONFIG_BASE64_<n>` (the plugin's "allow config inject"). */
  readonly injectConfig?: boolean | undefined;
}

/** What a block runs with: env additions, env names to drop, and every value to mask (named by destination). */
export interface PreparedBlock {
  readonly env: Record<string, string>;
  readonly removeEnv: readonly string[];
  readonly masks: readonly SecretInput[];
  readonly files: readonly string[];
}

const CONFIG_SECRET_KEYS = ['clientId', 'clientKey', 'privateKey', 'appKey'] as const;

/** The device config's secret parts (and its base64 form when injected), to mask in the block's output. */
async function configMasks(
  credential: FoundCredential,
  inject: string | undefined,
  env: CredentialContext['env'],
): Promise<SecretInput[]> {
  const record = deviceConfigToRecord(await readDeviceConfig(credential.storage)) as Record<string, string | undefined>;
  const name = `credential ${credential.id}`;
  const masks: SecretInput[] = [];
  for (const key of CONFIG_SECRET_KEYS) {
    const value = record[key];
    if (value !== undefined && value !== '') masks.push({ name, value });
  }
  if (credential.envName !== undefined) {
    const raw = env[credential.envName];
    if (raw !== undefined) masks.push({ name, value: raw.trim() });
  }
  if (inject !== undefined) masks.push({ name, value: inject });
  return masks;
}

/**
 * Validates `spec` (every problem at once, before any network call), finds each application's credential,
 * resolves every value (one get_secret per application), and only then writes the files into the workspace.
 * Later applications override earlier ones' destinations. Files written are registered in `cleanup` before
 * they exist; on any error the caller runs `cleanup`.
 *
 * @example
 * const cleanup = new Cleanup();
 * try { const block = await prepareBlock(spec, { workspace, context, cleanup }); } catch (e) { cleanup.run(); throw e; }
 */
export async function prepareBlock(spec: WithKsmSpec, options: PrepareOptions): Promise<PreparedBlock> {
  const apps = validateSpec(spec);
  const byId = new Map<string, FoundCredential>();
  const credentials: FoundCredential[] = [];
  for (const app of apps) {
    const found = byId.get(app.credentialsId) ?? (await findCredential(app.credentialsId, options.context));
    byId.set(app.credentialsId, found);
    credentials.push(found);
  }
  const resolved: ResolvedSecret[] = [];
  for (const [i, app] of apps.entries()) resolved.push(...(await resolveApplication(credentials[i]!.client, app)));

  const env: Record<string, string> = {};
  const removeEnv = new Set<string>();
  const masks: SecretInput[] = [];
  for (const [i, credential] of [...byId.values()].entries()) {
    if (credential.envName !== undefined) removeEnv.add(credential.envName);
    let inject: string | undefined;
    if (options.injectConfig === true) {
      inject = serializeDeviceConfig(await readDeviceConfig(credential.storage), { format: 'base64' });
      env[`KSM_CONFIG_BASE64_${i + 1}`] = inject;
      env[`KSM_CONFIG_BASE64_DESC_${i + 1}`] = credential.id;
      env.KSM_CONFIG_COUNT = String(i + 1);
    }
    masks.push(...(await configMasks(credential, inject, options.context.env)));
  }
  const files = new Map<string, ResolvedSecret>();
  for (const item of resolved) {
    for (const value of item.masks) masks.push({ name: item.secret.target, value });
    if (item.secret.destination === 'env') env[item.secret.target] = item.text;
    else files.set(item.secret.target, item);
  }
  const written: string[] = [];
  for (const [target, item] of files)
    written.push(writeSecretFile(options.workspace, target, item.bytes, options.cleanup));
  return { env, removeEnv: [...removeEnv], masks, files: written };
}
