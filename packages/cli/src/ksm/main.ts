#!/usr/bin/env node
// Entry point of the `ksm` binary: dispatches commands, maps errors to exit codes (the only process.exit).
import { type CommandDef, defineCommand, runCommand, showUsage } from 'citty';
import { reportError } from '../shared/report-error.js';
import { execCommand } from './exec-command.js';
import { interpolateCommand } from './interpolate-command.js';
import { profileCommand } from './profile-command.js';
import { secretCommand } from './secret-command.js';

const main = defineCommand({
  meta: { name: 'ksm', description: 'Keeper Secrets Manager CLI (ksmkit)' },
  subCommands: { profile: profileCommand, secret: secretCommand, exec: execCommand, interpolate: interpolateCommand },
});

/** The deepest command named by the leading words of `argv`, with its parent. */
function commandFor(argv: readonly string[]): [CommandDef, CommandDef | undefined] {
  let command: CommandDef = main;
  let parent: CommandDef | undefined;
  for (const word of argv) {
    const next = (command.subCommands as Record<string, CommandDef> | undefined)?.[word];
    if (next === undefined) break;
    parent = command;
    command = next;
  }
  return [command, parent];
}

const argv = process.argv.slice(2);
const separator = argv.indexOf('--');
const own = separator === -1 ? argv : argv.slice(0, separator);
try {
  if (own.includes('--help') || own.length === 0) await showUsage(...commandFor(own));
  else await runCommand(main, { rawArgs: argv });
} catch (error) {
  process.exit(reportError('ksm', error, process.stderr));
}
