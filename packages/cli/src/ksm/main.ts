#!/usr/bin/env node
// Entry point of the `ksm` binary: the command tree, run by the shared runner (the only process.exit).
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { exitCodeFor } from '../shared/exit-code-for.js';
import { execCommand } from './exec-command.js';
import { interpolateCommand } from './interpolate-command.js';
import { profileCommand } from './profile-command.js';
import { secretCommand } from './secret-command.js';

const main = defineCommand({
  meta: { name: 'ksm', description: 'Keeper Secrets Manager CLI (ksmkit)' },
  subCommands: { profile: profileCommand, secret: secretCommand, exec: execCommand, interpolate: interpolateCommand },
});

await runBinary({ program: 'ksm', command: main, exitCodeFor });
