#!/usr/bin/env node
// Entry point of the `ksmkit-edge` binary (Node only; the Worker bundle never imports src/cli).
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { exitCodeFor } from './exit-codes.js';
import { setupCommand } from './setup-command.js';
import { tokenCommand } from './token-command.js';

const main = defineCommand({
  meta: { name: 'ksmkit-edge', description: 'Helper CLI of the ksmkit edge proxy Worker' },
  subCommands: { setup: setupCommand, token: tokenCommand },
});

await runBinary({ program: 'ksmkit-edge', command: main, exitCodeFor });
