// `ksm sync` compatibility: Keeper's flags (`--type`, `--map KEY NOTATION`, `--credentials`, `--preserve-missing`, `--dry-run`) as a map.
import { stringify } from 'yaml';
import { SyncError } from './errors.js';
import { parseMap } from './map-file.js';
import type { MapEntry, SyncMap, TargetConfig } from './map-types.js';

/** A parsed `ksm sync` command line. */
export interface KsmSyncArgs {
  readonly type: 'aws' | 'azure' | 'gcp' | 'json';
  readonly maps: readonly { readonly key: string; readonly notation: string }[];
  readonly credentials?: string | undefined;
  readonly dryRun: boolean;
  readonly preserveMissing: boolean;
  /** Our additions: the job id and, for `--type json`, the output file. */
  readonly job: string;
  readonly output: string;
}

const VALUE_FLAGS: Readonly<Record<string, string>> = {
  '-t': 'type',
  '--type': 'type',
  '-c': 'credentials',
  '--credentials': 'credentials',
  '--job': 'job',
  '--output': 'output',
  '-o': 'output',
};
const BOOL_FLAGS: Readonly<Record<string, string>> = {
  '-d': 'dryRun',
  '--dry-run': 'dryRun',
  '-p': 'preserveMissing',
  '--preserve-missing': 'preserveMissing',
};
const bad = (message: string) =>
  new SyncError(
    'ERR_COMPAT_ARGS',
    `${message} (usage: --type aws|azure|gcp|json --map KEY NOTATION … [--credentials UID] [--dry-run] [--preserve-missing])`,
  );

/**
 * Parses Keeper's `ksm sync` flags; `--map` takes two values and may repeat.
 *
 * @example
 * parseKsmSyncArgs(['-t', 'aws', '-m', 'db', 'keeper://UID/field/password']);
 */
export function parseKsmSyncArgs(argv: readonly string[]): KsmSyncArgs {
  const out: Record<string, string | boolean> = {
    dryRun: false,
    preserveMissing: false,
    job: 'ksm-sync-compat',
    output: 'ksm-sync.json',
  };
  const maps: { key: string; notation: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '-m' || flag === '--map') {
      const [key, notation] = [argv[i + 1], argv[i + 2]];
      if (key === undefined || notation === undefined || notation.startsWith('-'))
        throw bad('--map needs a KEY and a NOTATION');
      maps.push({ key, notation });
      i += 2;
    } else if (VALUE_FLAGS[flag] !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw bad(`${flag} needs a value`);
      out[VALUE_FLAGS[flag] as string] = value;
    } else if (BOOL_FLAGS[flag] !== undefined) out[BOOL_FLAGS[flag] as string] = true;
    else throw bad(`unknown argument "${arg.slice(0, 40)}"`);
  }
  if (!['aws', 'azure', 'gcp', 'json'].includes(String(out.type))) throw bad('--type must be aws, azure, gcp or json');
  if (maps.length === 0) throw bad('nothing to sync: give at least one --map KEY NOTATION');
  return { ...(out as unknown as Omit<KsmSyncArgs, 'maps'>), maps };
}

/** A notation as Keeper accepts it: `keeper://…`, or a bare record UID (the whole record as JSON). */
const isUid = (text: string) => /^[A-Za-z0-9_-]{22}$/.test(text);

/**
 * The map file equivalent to a `ksm sync` command line. Names keep their Keeper spelling; `name+jsonKey` maps of
 * one name become one JSON secret; `--preserve-missing` becomes `onAbsent: keep`.
 *
 * @example
 * const map = ksmSyncToMap(parseKsmSyncArgs(argv));
 */
export function ksmSyncToMap(args: KsmSyncArgs): SyncMap {
  if (args.type === 'gcp')
    throw new SyncError(
      'ERR_COMPAT_ARGS',
      '--type gcp is not available in this build of ksm-sync yet; use aws, azure or json',
    );
  const base = args.preserveMissing ? { onAbsent: 'keep' as const } : {};
  const target: TargetConfig =
    args.type === 'json'
      ? { type: 'json', path: args.output, ...base }
      : args.type === 'aws'
        ? { type: 'aws', ...(args.credentials !== undefined ? { credentials: args.credentials } : {}), ...base }
        : { type: args.type, ...(args.credentials !== undefined ? { credentials: args.credentials } : {}), ...base };
  const entries: MapEntry[] = [];
  const merged = new Map<string, Record<string, string>>();
  for (const { key, notation } of args.maps) {
    const full = notation.startsWith('keeper://') ? notation : `keeper://${notation}`;
    if (args.type === 'aws' && key.includes('+')) {
      const [name, jsonKey] = [key.slice(0, key.indexOf('+')), key.slice(key.indexOf('+') + 1)];
      const fields = merged.get(name) ?? {};
      if (!merged.has(name)) {
        merged.set(name, fields);
        entries.push({ target: 'dest', name, fields });
      }
      fields[jsonKey] = full;
    } else if (isUid(notation)) entries.push({ target: 'dest', name: key, record: notation });
    else entries.push({ target: 'dest', name: key, notation: full });
  }
  return parseMap(
    JSON.stringify({ version: 1, job: args.job, targets: { dest: target }, entries }),
    '<ksm sync arguments>',
  );
}

/**
 * The map as YAML text, with a header saying where it came from.
 *
 * @example
 * process.stdout.write(mapToYaml(map));
 */
export function mapToYaml(map: SyncMap): string {
  return `# ksm-sync map converted from a \`ksm sync\` command line. Review it, then: ksm-sync plan --map <this file>\n${stringify(map)}`;
}
