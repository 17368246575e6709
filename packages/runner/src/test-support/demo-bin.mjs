#!/usr/bin/env node
// A small binary built on the runner, for the runner's subprocess tests.
import { defineCommand } from 'citty';
import { runBinary, UserError } from '../../dist/index.js';

const say = defineCommand({
  meta: { name: 'say', description: 'Prints its text' },
  args: {
    text: { type: 'string', description: 'What to print', alias: 't' },
    loud: { type: 'boolean', description: 'Upper case' },
    'line-count': { type: 'string', description: 'Print this many lines' },
  },
  run({ args }) {
    const text = args.loud ? String(args.text).toUpperCase() : String(args.text);
    const count = Number(args['line-count'] ?? 1);
    for (let i = 0; i < count; i++) process.stdout.write(`${text}\n`);
  },
});
const fail = defineCommand({
  meta: { name: 'fail', description: 'Fails in the way asked' },
  args: { kind: { type: 'positional', description: 'user | coded | bug' } },
  run({ args }) {
    if (args.kind === 'user') throw new UserError('Give a name; e.g. --name x', { exitCode: 7, code: 'ERR_NO_NAME' });
    if (args.kind === 'coded') throw Object.assign(new Error('Record not found'), { code: 'ERR_NOT_FOUND' });
    throw new TypeError('boom');
  },
});
const host = defineCommand({
  meta: { name: 'host', description: 'Prints the host given with -h' },
  args: { hostname: { type: 'string', description: 'Host', alias: 'h' } },
  run({ args }) {
    process.stdout.write(`${args.hostname}\n`);
  },
});
const main = defineCommand({ meta: { name: 'demo' }, subCommands: { say, fail, host } });

await runBinary({
  program: 'demo',
  command: main,
  version: '1.2.3',
  exitCodeFor: (code) => (code === 'ERR_NOT_FOUND' ? 4 : undefined),
  bugExitCode: 70,
});
