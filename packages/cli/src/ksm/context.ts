// Global options shared by every `ksm` command, and building a KSM client from the resolved profile.
import { homedir } from 'node:os';
import { nodeCipher, nodeFetchForConfig, resolveConfig } from '@ksmkit/config';
import { openAwsProfile } from '@ksmkit/config/aws';
import { createClient, type KsmClient, readDeviceConfig } from '@ksmkit/core';

/** The global options of `ksm`. */
export interface GlobalArgs {
  readonly profile?: string | undefined;
  readonly 'ini-file'?: string | undefined;
  readonly json?: boolean | undefined;
}

/** citty definitions of the global options, spread into every command's `args`. */
export const globalArgs = {
  profile: { type: 'string', description: 'Profile to use (default: the active one)' },
  'ini-file': { type: 'string', description: 'keeper.ini to use instead of the search path' },
  json: { type: 'boolean', description: 'Machine-readable JSON output' },
} as const;

/**
 * Resolves the profile (KSM_CONFIG, keeper.ini search path, AWS) and returns a client that trusts its CA.
 *
 * @example
 * const client = await clientFor({ profile: 'prod' });
 */
export async function clientFor(args: GlobalArgs): Promise<KsmClient> {
  const resolved = await resolveConfig({
    env: process.env,
    cwd: process.cwd(),
    homedir: homedir(),
    iniFile: args['ini-file'],
    profile: args.profile,
    openExternal: openAwsProfile,
  });
  for (const warning of resolved.warnings) process.stderr.write(`ksm: warning: ${warning.message}\n`);
  const config = await readDeviceConfig(resolved.storage);
  return createClient({ storage: resolved.storage, fetch: nodeFetchForConfig(config), cipher: nodeCipher });
}
