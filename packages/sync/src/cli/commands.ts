// The citty command tree of `ksm-sync`: plan, apply, run (scheduler), validate, schema.
import { readFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { loadMap } from '../map-file.js';
import { compatCommand, convertCommand } from './compat-commands.js';
import { runOnce } from './run-once.js';
import { runScheduler } from './scheduler.js';
import { readShared, sharedArgs } from './shared-args.js';

const planCommand = defineCommand({
  meta: { name: 'plan', description: 'Show what apply would do (hashes, never values)' },
  args: { ...sharedArgs, out: { type: 'string', description: 'Save the plan for "apply --plan"', valueHint: 'FILE' } },
  async run({ args }) {
    process.exitCode = await runOnce({ ...readShared(args), mode: 'plan', out: args.out });
  },
});

const applyCommand = defineCommand({
  meta: { name: 'apply', description: 'Write what changed; with --plan, refuse when anything changed since the plan' },
  args: {
    ...sharedArgs,
    plan: { type: 'string', description: 'A plan saved by "plan --out"', valueHint: 'FILE' },
    'dry-run': { type: 'boolean', description: 'Same as plan' },
  },
  async run({ args }) {
    const mode = args['dry-run'] === true ? 'plan' : 'apply';
    process.exitCode = await runOnce({ ...readShared(args), mode, planFile: args.plan });
  },
});

const runCommand = defineCommand({
  meta: {
    name: 'run',
    description: 'Apply now and then every interval until SIGTERM/SIGINT (finishes the current run first)',
  },
  args: {
    ...sharedArgs,
    every: { type: 'string', description: 'Interval between runs, e.g. 15m', required: true, valueHint: 'DURATION' },
    jitter: { type: 'string', description: 'Random extra delay up to this, e.g. 1m', valueHint: 'DURATION' },
  },
  async run({ args }) {
    process.exitCode = await runScheduler({ ...readShared(args), every: args.every, jitter: args.jitter });
  },
});

const validateCommand = defineCommand({
  meta: {
    name: 'validate',
    description: 'Check a map file (schema, targets, templates, names) without contacting anything',
  },
  args: { map: sharedArgs.map },
  async run({ args }) {
    const map = await loadMap(args.map);
    process.stdout.write(
      `${args.map}: valid (${Object.keys(map.targets).length} targets, ${map.entries.length} entries)\n`,
    );
  },
});

const schemaCommand = defineCommand({
  meta: { name: 'schema', description: 'Print the JSON Schema of the map file' },
  async run() {
    process.stdout.write(await readFile(new URL('../schema/map.schema.json', import.meta.url), 'utf8'));
  },
});

/** The root command of `ksm-sync`. */
export const syncCommand = defineCommand({
  meta: {
    name: 'ksm-sync',
    description: 'Sync Keeper secrets to AWS, Azure, GCP, HashiCorp Vault and files: safe to run on a schedule',
  },
  subCommands: {
    plan: planCommand,
    apply: applyCommand,
    run: runCommand,
    validate: validateCommand,
    schema: schemaCommand,
    compat: compatCommand,
    convert: convertCommand,
  },
});
