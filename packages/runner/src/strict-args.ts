// Rejects options a citty command does not define, so a mistyped or undocumented flag never vanishes silently.
import type { ArgsDef, CommandDef } from 'citty';
import { UserError } from './user-error.js';

type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);

async function resolve<T>(value: Resolvable<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The command named by the leading words of `argv`, the words used, and the options it accepts. */
export async function commandPath(
  root: CommandDef,
  argv: readonly string[],
): Promise<{ command: CommandDef; depth: number; parent: CommandDef | undefined }> {
  let command = root;
  let parent: CommandDef | undefined;
  let depth = 0;
  for (const word of argv) {
    if (word.startsWith('-')) break;
    const subs = await resolve(command.subCommands);
    const next = subs?.[word];
    if (next === undefined) break;
    parent = command;
    command = (await resolve(next)) as CommandDef;
    depth++;
  }
  return { command, depth, parent };
}

/** The options `command` defines: names (both spellings) and aliases, with whether each takes a value. */
async function definedOptions(command: CommandDef): Promise<Map<string, boolean>> {
  const args = ((await resolve(command.args)) ?? {}) as ArgsDef;
  const table = new Map<string, boolean>();
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const takesValue = def.type !== 'boolean';
    const alias = (def as { alias?: string | string[] }).alias;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    for (const key of [name, camel(name), kebab(name), ...aliases]) table.set(key, takesValue);
  }
  return table;
}

/**
 * True when `argv` (up to `--`) asks for help: `--help`, or `-h` where the command selected does not define `-h`
 * itself (as `ksm profile init -h US` does for the hostname).
 *
 * @example
 * if (await wantsHelp(main, argv)) printUsage();
 */
export async function wantsHelp(root: CommandDef, argv: readonly string[]): Promise<boolean> {
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (own.includes('--help')) return true;
  if (!own.includes('-h')) return false;
  const { command } = await commandPath(root, own);
  return !(await definedOptions(command)).has('h');
}

/**
 * Throws a usage `UserError` naming the first option in `argv` (up to `--`) that the command it selects does not
 * define. Values of string options are skipped, so a value that starts with `-` is never taken for an option, and
 * never echoed.
 *
 * @example
 * await rejectUnknownOptions(main, process.argv.slice(2), 'ksm');
 */
export async function rejectUnknownOptions(root: CommandDef, argv: readonly string[], program: string): Promise<void> {
  const { command, depth } = await commandPath(root, argv);
  // `--help` always, and `-h` unless the command defines it, are help flags (`wantsHelp` handles them).
  const table = new Map([['help', false], ['h', false], ...(await definedOptions(command))]);
  const words = argv.slice(depth);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') return;
    if (!word.startsWith('-') || word === '-') continue;
    const long = word.startsWith('--');
    const [rawName = '', inlineValue] = word.slice(long ? 2 : 1).split(/=(.*)/s, 2);
    const names = long ? [rawName] : [...rawName];
    for (const [index, name] of names.entries()) {
      const negated = long && name.startsWith('no-') && table.get(name.slice(3)) === false;
      const takesValue = table.get(name);
      if (takesValue === undefined && !negated) {
        const shown = /^[A-Za-z][\w-]{0,40}$/.test(name) ? `${long ? '--' : '-'}${name}` : 'an option';
        throw new UserError(
          `Unknown option ${shown}; run \`${program} ${argv.slice(0, depth).join(' ')} --help\``.replace(
            /\s+--help/,
            ' --help',
          ),
          {
            code: 'ERR_UNKNOWN_OPTION',
          },
        );
      }
      if (takesValue === true && inlineValue === undefined && index === names.length - 1) i++;
    }
  }
}
