// Where keeper.ini is looked for, in the order Keeper's Profile Command documents; all inputs injected.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The process facts config resolution depends on, passed in so tests never touch the real environment. */
export interface ConfigEnvironment {
  /** Environment variables (e.g. `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Current directory (e.g. `process.cwd()`). */
  readonly cwd: string;
  /** Home directory (e.g. `os.homedir()`); `$HOME` from `env` wins when set. */
  readonly homedir: string;
}

/** The INI file name used when `KSM_INI_FILE` is not set. */
export const DEFAULT_INI_FILE = 'keeper.ini';

function value(env: ConfigEnvironment['env'], name: string): string | undefined {
  const text = env[name];
  return text === undefined || text === '' ? undefined : text;
}

/**
 * The INI file name: `KSM_INI_FILE`, else `keeper.ini`.
 *
 * @example
 * iniFileName({ KSM_INI_FILE: 'ci.ini' }); // 'ci.ini'
 */
export function iniFileName(env: ConfigEnvironment['env']): string {
  return value(env, 'KSM_INI_FILE') ?? DEFAULT_INI_FILE;
}

/**
 * The candidate INI paths, in order: `$KSM_INI_DIR`, the current directory, `$HOME`, `$HOME/.config/ksm`, `/etc`,
 * `/etc/ksm`, `/etc/keeper` (each joined with `iniFileName`; unset variables are skipped; duplicates removed).
 *
 * @example
 * iniSearchPaths({ env: {}, cwd: '/work', homedir: '/home/me' })[0]; // '/work/keeper.ini'
 */
export function iniSearchPaths(context: ConfigEnvironment): string[] {
  const name = iniFileName(context.env);
  const home = value(context.env, 'HOME') ?? context.homedir;
  const dirs = [
    value(context.env, 'KSM_INI_DIR'),
    context.cwd,
    home,
    resolve(home, '.config', 'ksm'),
    '/etc',
    '/etc/ksm',
    '/etc/keeper',
  ];
  const paths: string[] = [];
  for (const dir of dirs) {
    if (dir === undefined) continue;
    const path = resolve(context.cwd, dir, name);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/**
 * The first candidate of `iniSearchPaths` that is an existing regular file, or undefined.
 *
 * @example
 * const path = await findIniFile({ env: process.env, cwd: process.cwd(), homedir: os.homedir() });
 */
export async function findIniFile(context: ConfigEnvironment): Promise<string | undefined> {
  for (const path of iniSearchPaths(context)) {
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      // not there: try the next location
    }
  }
  return undefined;
}

/**
 * Where `profile init` creates the INI file when none is named: `$KSM_INI_DIR`, else the current directory.
 *
 * @example
 * defaultIniPath({ env: { KSM_INI_DIR: '/etc/ksm' }, cwd: '/work', homedir: '/root' }); // '/etc/ksm/keeper.ini'
 */
export function defaultIniPath(context: ConfigEnvironment): string {
  return resolve(context.cwd, value(context.env, 'KSM_INI_DIR') ?? context.cwd, iniFileName(context.env));
}
