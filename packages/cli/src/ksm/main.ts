#!/usr/bin/env node
// Entry point of the `ksm` binary: the command tree, run by the shared runner (the only process.exit).
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { exitCodeFor } from '../shared/exit-code-for.js';

const main = defineCommand({
  meta: { name: 'ksm', description: 'Keeper Secrets Manager CLI (ksmkit)' },
  // Loaded on use: a one-shot `ksm secret notation` never loads the profile commands (nor the AWS SDK behind setup).
  subCommands: {
    profile: () => import('./profile-command.js').then((m) => m.profileCommand),
    secret: () => import('./secret-command.js').then((m) => m.secretCommand),
    exec: () => import('./exec-command.js').then((m) => m.execCommand),
    interpolate: () => import('./interpolate-command.js').then((m) => m.interpolateCommand),
  },
});

await runBinary({ program: 'ksm', command: main, exitCodeFor });
