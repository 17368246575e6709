// `ksm-sync compat` (run with Keeper's `ksm sync` flags) and `ksm-sync convert` (turn them into a map file).
import { writeFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { ksmSyncToMap, mapToYaml, parseKsmSyncArgs } from '../compat.js';
import { runOnce } from './run-once.js';
import { readShared, sharedArgs } from './shared-args.js';

const keeperArgs = {
  type: { type: 'string', alias: 't', description: 'aws, azure, gcp or json (as in `ksm sync`)' },
  map: {
    type: 'string',
    alias: 'm',
    description: 'KEY NOTATION (repeat); aws also takes NAME+JSON_KEY',
    valueHint: 'KEY NOTATION',
  },
  credentials: { type: 'string', alias: 'c', description: 'UID of the Keeper record with the cloud credentials' },
  'dry-run': { type: 'boolean', alias: 'd', description: 'Plan only' },
  'preserve-missing': { type: 'boolean', alias: 'p', description: 'Keep destination secrets whose source is empty' },
  job: { type: 'string', description: 'Owner id written to the secrets (default ksm-sync-compat)' },
  output: { type: 'string', alias: 'o', description: 'File for --type json (default ksm-sync.json)' },
} as const;

/** The words after the subcommand name. */
const wordsAfter = (rawArgs: readonly string[], name: string) => rawArgs.slice(rawArgs.indexOf(name) + 1);
const OURS = new Set([
  '--json',
  '--report',
  '--junit',
  '--lock',
  '--lock-wait',
  '--profile',
  '--ini-file',
  '--allow-mass-delete',
  '--out',
]);

/** Splits our own options (`--json`, `--report FILE`, …) from Keeper's. */
function splitArgs(words: readonly string[]): { keeper: string[] } {
  const keeper: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const flag = word.split('=')[0] as string;
    if (!OURS.has(flag)) keeper.push(word);
    else if (!word.includes('=') && !['--json', '--allow-mass-delete'].includes(flag)) i++;
  }
  return { keeper };
}

/** `ksm-sync compat`. */
export const compatCommand = defineCommand({
  meta: {
    name: 'compat',
    description:
      'Run a `ksm sync` command line safely: same flags, with ownership tags, plans and no deletes on errors',
  },
  args: {
    ...keeperArgs,
    json: sharedArgs.json,
    report: sharedArgs.report,
    junit: sharedArgs.junit,
    lock: sharedArgs.lock,
    profile: sharedArgs.profile,
    'ini-file': sharedArgs['ini-file'],
  },
  async run({ args, rawArgs }) {
    const parsed = parseKsmSyncArgs(splitArgs(wordsAfter(rawArgs, 'compat')).keeper);
    const map = ksmSyncToMap(parsed);
    const shared = readShared({ ...args, map: 'ksm-sync.yaml' });
    // ksm sync writes the keys it is given: the mapped names are adopted, everything else stays protected
    const adopt = map.entries.map((entry) => entry.name);
    process.exitCode = await runOnce({ ...shared, map, adopt, mode: parsed.dryRun ? 'plan' : 'apply' });
  },
});

/** `ksm-sync convert`. */
export const convertCommand = defineCommand({
  meta: { name: 'convert', description: 'Turn a `ksm sync` command line into a ksm-sync map file (YAML)' },
  args: {
    ...keeperArgs,
    out: { type: 'string', description: 'Write the map here instead of stdout', valueHint: 'FILE' },
  },
  async run({ args, rawArgs }) {
    const yaml = mapToYaml(ksmSyncToMap(parseKsmSyncArgs(splitArgs(wordsAfter(rawArgs, 'convert')).keeper)));
    if (typeof args.out === 'string' && args.out !== '') await writeFile(args.out, yaml);
    else process.stdout.write(yaml);
  },
});
