// Global options shared by every `ksm` command, and building a KSM client from the resolved profile.
import { createNodeClient } from '@ksmkit/config';
import type { KsmClient } from '@ksmkit/core';

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
  const { client } = await createNodeClient({
    iniFile: args['ini-file'],
    profile: args.profile,
    onConfigWarning: (warning) => process.stderr.write(`ksm: warning: ${warning.message}\n`),
  });
  return client;
}

/**
 * Prints a command's result: `json` as one JSON line with `--json` (for scripts), else the human `text` line.
 *
 * @example
 * report(args, `Active profile is now "${name}"`, { profile: name });
 */
export function report(args: GlobalArgs, text: string, json: unknown): void {
  process.stdout.write(args.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
}
