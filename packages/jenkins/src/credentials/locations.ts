// Where a credentialsId's device config may live: KSM_CONFIG_<ID>, the credentials directory, keeper.ini profiles.
import { join } from 'node:path';

/** The environment and directories a lookup uses (all overridable in tests). */
export interface CredentialContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly homedir: string;
  /** Overrides `KSM_STEP_CREDENTIALS_DIR` and the default directory. */
  readonly credentialsDir?: string | undefined;
}

/**
 * Environment variable names checked for `id`: `KSM_CONFIG_<ID>` as written, then upper-cased with every
 * character outside `[A-Z0-9_]` turned into `_` (Jenkins ids such as `PID-5142…` → `KSM_CONFIG_PID_5142…`).
 *
 * @example
 * configEnvNames('prod-ci'); // ['KSM_CONFIG_prod-ci', 'KSM_CONFIG_PROD_CI']
 */
export function configEnvNames(id: string): string[] {
  const normalised = `KSM_CONFIG_${id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
  return [...new Set([`KSM_CONFIG_${id}`, normalised])];
}

/**
 * The credentials directory: `--credentials-dir`, else `KSM_STEP_CREDENTIALS_DIR`, else
 * `$XDG_CONFIG_HOME/ksmkit/credentials` (default `~/.config/ksmkit/credentials`).
 *
 * @example
 * credentialsDir({ env: process.env, cwd: process.cwd(), homedir: os.homedir() });
 */
export function credentialsDir(context: CredentialContext): string {
  if (context.credentialsDir !== undefined && context.credentialsDir !== '') return context.credentialsDir;
  const fromEnv = context.env.KSM_STEP_CREDENTIALS_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const xdg = context.env.XDG_CONFIG_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(context.homedir, '.config'), 'ksmkit', 'credentials');
}

/** Credential ids are file names in the credentials directory: letters, digits, `.`, `_`, `-` (no leading dot). */
export const CREDENTIAL_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * The config file of credential `id` in the credentials directory.
 *
 * @example
 * credentialFile('/home/ci/.config/ksmkit/credentials', 'prod'); // '…/prod.json'
 */
export function credentialFile(dir: string, id: string): string {
  return join(dir, `${id}.json`);
}
