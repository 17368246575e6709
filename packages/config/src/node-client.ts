// The one recipe every Node tool uses for a ready KSM client: resolve the config, trust its CA, nodeCipher, keep-alive fetch.
import { homedir } from 'node:os';
import { type ClientOptions, createClient, type KsmClient, readDeviceConfig } from '@ksmkit/core';
import type { ConfigWarning } from './file-permissions.js';
import { nodeCipher } from './node-cipher.js';
import { nodeFetchForConfig } from './node-fetch.js';
import { type ResolvedConfig, resolveConfig } from './resolve-config.js';

/** Options of `createNodeClient`; every field is optional and defaults to what the `ksm` CLI does. */
export interface NodeClientOptions extends Omit<ClientOptions, 'storage' | 'fetch' | 'cipher'> {
  /** Profile name in keeper.ini (`--profile`); else `KSM_CLI_PROFILE`, else the active profile. */
  readonly profile?: string | undefined;
  /** A keeper.ini named by the user (`--ini-file`): used as is, no search path, no `KSM_CONFIG`. */
  readonly iniFile?: string | undefined;
  /** Environment to read `KSM_CONFIG`, `KSM_INI_DIR`, … from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Directory the search path starts in; default `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Home directory for the search path; default `os.homedir()`. */
  readonly homedir?: string | undefined;
  /** A storage to use as is (a keyring item, a JSON file, memory) instead of resolving a profile. */
  readonly storage?: ClientOptions['storage'] | undefined;
  /** Called with each warning about the config (lax file modes, …); default: ignored. */
  readonly onConfigWarning?: ((warning: ConfigWarning) => void) | undefined;
}

/** A client with where its config came from (no values: the source kind, file and profile). */
export interface NodeClient {
  readonly client: KsmClient;
  readonly source: ResolvedConfig['source'] | 'storage';
  readonly path?: string | undefined;
  readonly profile?: string | undefined;
}

/**
 * Resolves the device config as `ksm` does (KSM_CONFIG, keeper.ini search path, AWS-stored profiles), then
 * returns a client that trusts the config's CA and opens records with `nodeCipher` over a keep-alive fetch.
 *
 * @example
 * const { client } = await createNodeClient({ profile: 'prod', cache: { ttlMs: 60_000 } });
 * const { records } = await client.getSecrets();
 */
export async function createNodeClient(options: NodeClientOptions = {}): Promise<NodeClient> {
  const { profile, iniFile, env, cwd, homedir: home, storage: given, onConfigWarning, ...clientOptions } = options;
  let resolved: Pick<NodeClient, 'source' | 'path' | 'profile'> & { storage: ClientOptions['storage'] };
  if (given !== undefined) {
    resolved = { source: 'storage', storage: given };
  } else {
    const found = await resolveConfig({
      env: env ?? process.env,
      cwd: cwd ?? process.cwd(),
      homedir: home ?? homedir(),
      iniFile,
      profile,
      openExternal: async (kind, settings, name) => (await import('./aws.js')).openAwsProfile(kind, settings, name),
    });
    for (const warning of found.warnings) onConfigWarning?.(warning);
    resolved = found;
  }
  const config = await readDeviceConfig(resolved.storage);
  const client = createClient({
    ...clientOptions,
    storage: resolved.storage,
    fetch: nodeFetchForConfig(config),
    cipher: nodeCipher,
  });
  return { client, source: resolved.source, path: resolved.path, profile: resolved.profile };
}
