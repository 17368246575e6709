#!/usr/bin/env node
// Entry point of `ksm-step`: the command tree, run by the shared runner (the only process.exit).
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { checkCommand } from './check-command.js';
import { credentialsCommand } from './credentials-command.js';
import { exitCodeFor } from './exit-codes.js';
import { closeCommand, execCommand, openCommand, runCommand } from './run-command.js';
import { snippetCommand } from './snippet-command.js';

const main = defineCommand({
  meta: {
    name: 'ksm-step',
    description: 'Keeper Secrets Manager CI steps: withKsm blocks with masked output (ksmkit)',
  },
  subCommands: {
    run: runCommand,
    check: checkCommand,
    credentials: credentialsCommand,
    snippet: snippetCommand,
    open: openCommand,
    exec: execCommand,
    close: closeCommand,
  },
});

await runBinary({ program: 'ksm-step', command: main, exitCodeFor });
