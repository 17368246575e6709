// Shared CLI plumbing: the `--data-dir`/`--json` flags, repeated flags, secret values from @file or stdin.
import { readFileSync } from 'node:fs';
import { closeOwnerSession, type OwnerSession, openOwnerSession } from '../owner/session.js';
import { resolveDataDir } from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';

/** Flags every command accepts. */
export const COMMON_ARGS = {
  'data-dir': { type: 'string', description: 'Vault data directory (default $KSMKIT_VAULT_DIR or ~/.ksmkit/vault)' },
  'owner-dir': {
    type: 'string',
    description:
      'Owner directory with the owner keys and CA key (default $KSMKIT_VAULT_OWNER_DIR, else what init used: <data-dir>-owner)',
  },
  json: { type: 'boolean', description: 'Print one JSON document instead of text' },
} as const;

/**
 * The data directory chosen by `--data-dir` (or the default).
 *
 * @example
 * const dataDir = dataDirOf(args);
 */
export function dataDirOf(args: Record<string, unknown>): string {
  const flag = args['data-dir'];
  return resolveDataDir(typeof flag === 'string' ? flag : undefined);
}

/**
 * The `--owner-dir` flag when given (else undefined: `resolveOwnerDir` picks the default).
 *
 * @example
 * const ownerDir = ownerDirOf(args);
 */
export function ownerDirOf(args: Record<string, unknown>): string | undefined {
  const flag = args['owner-dir'];
  return typeof flag === 'string' && flag !== '' ? flag : undefined;
}

/**
 * Runs `fn` with an owner session on the command's data directory, closing it afterwards.
 *
 * @example
 * await withSession(args, (session) => createApp(session, { title }));
 */
export async function withSession<T>(
  args: Record<string, unknown>,
  fn: (session: OwnerSession) => Promise<T>,
): Promise<T> {
  const ownerDir = ownerDirOf(args);
  const session = await openOwnerSession(dataDirOf(args), ownerDir === undefined ? {} : { ownerDir });
  try {
    return await fn(session);
  } finally {
    closeOwnerSession(session);
  }
}

/**
 * Every value of a repeatable flag (`--field a=1 --field b=2`, also `--field=a=1`), in order.
 *
 * @example
 * repeated(rawArgs, 'field'); // ['a=1', 'b=2']
 */
export function repeated(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < rawArgs.length; index += 1) {
    const arg = rawArgs[index] as string;
    if (arg === '--') break;
    if (arg === `--${name}` && index + 1 < rawArgs.length) {
      values.push(rawArgs[index + 1] as string);
      index += 1;
    } else if (arg.startsWith(`--${name}=`)) {
      values.push(arg.slice(name.length + 3));
    }
  }
  return values;
}

let stdinUsed = false;

/**
 * A value as given on the command line: `@path` reads a file, `-` reads stdin (once), `\@x` is a literal `@x`;
 * one trailing newline of file/stdin input is dropped. Keeps secrets out of argv when the user wants.
 *
 * @example
 * readValue('@./password.txt');
 */
export function readValue(spec: string): string {
  if (spec === '-') {
    if (stdinUsed) throw new VaultError('ERR_INVALID_ARGUMENT', 'Only one value can be read from stdin ("-")');
    stdinUsed = true;
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  }
  if (spec.startsWith('@')) {
    const path = spec.slice(1);
    try {
      return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new VaultError('ERR_INVALID_ARGUMENT', `Cannot read value file ${path}`, { path }, { cause: error });
    }
  }
  return spec.startsWith('\\@') ? spec.slice(1) : spec;
}

/**
 * Parses `key=value` (value through `readValue`; JSON for values starting with `{` or `[`).
 *
 * @example
 * keyValue('password=@pw.txt', '--field'); // ['password', '…']
 */
export function keyValue(spec: string, flag: string): [string, unknown] {
  const at = spec.indexOf('=');
  if (at <= 0) {
    throw new VaultError('ERR_INVALID_ARGUMENT', `${flag} expects key=value, e.g. ${flag} login=admin`, { flag });
  }
  const key = spec.slice(0, at);
  const text = readValue(spec.slice(at + 1));
  if (/^\s*[[{]/.test(text)) {
    try {
      return [key, JSON.parse(text)];
    } catch {
      throw new VaultError('ERR_INVALID_ARGUMENT', `${flag} ${key}=… looks like JSON but does not parse`, {
        field: key,
      });
    }
  }
  return [key, text];
}

/**
 * Parses a number flag; undefined when absent. Throws `ERR_INVALID_ARGUMENT` naming the flag.
 *
 * @example
 * numberFlag(args.port, 'port'); // 8443
 */
export function numberFlag(value: unknown, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw new VaultError('ERR_INVALID_ARGUMENT', `--${flag} must be a number, e.g. --${flag} 60`, { flag });
  }
  return number;
}

/**
 * Positional arguments after the command words (citty's `args._`).
 *
 * @example
 * positionals(args); // ['Postgres', 'Redis']
 */
export function positionals(args: { _: string[] }): string[] {
  return args._.filter((value) => value !== '');
}
