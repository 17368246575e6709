// Options shared by ksm-step's commands, and the credential context they build.
import { homedir } from 'node:os';
import type { CredentialContext } from '../credentials/index.js';

/** `--credentials-dir`, on every command that looks credentials up. */
export const credentialArgs = {
  'credentials-dir': {
    type: 'string',
    description: 'Directory of stored credentials (default $KSM_STEP_CREDENTIALS_DIR or ~/.config/ksmkit/credentials)',
  },
} as const;

/**
 * The credential lookup context of this process.
 *
 * @example
 * const context = contextFor(args['credentials-dir']);
 */
export function contextFor(dir: string | undefined): CredentialContext {
  return { env: process.env, cwd: process.cwd(), homedir: homedir(), credentialsDir: dir };
}

/**
 * The command after `--` in the raw arguments (empty when none).
 *
 * @example
 * commandAfterDashes(['--spec', 'f', '--', 'make']); // ['make']
 */
export function commandAfterDashes(rawArgs: readonly string[]): string[] {
  const at = rawArgs.indexOf('--');
  return at === -1 ? [] : rawArgs.slice(at + 1);
}
