#!/usr/bin/env node
// The `ksmkit-vault` bin: the command tree, run by the shared runner (user errors with distinct exit codes, bugs 70).
import { runBinary } from '@ksmkit/runner';
import type { CommandDef } from 'citty';
import { asStartupError } from '../store/startup-error.js';
import { appCommand } from './app.js';
import { clientCommand } from './client.js';
import { demoCommand } from './demo.js';
import { EXIT_BUG, exitCodeFor } from './exit-codes.js';
import { folderCommand } from './folder.js';
import { initCommand } from './init.js';
import { recordCommand } from './record.js';
import { seedCommand } from './seed.js';
import { serveCommand } from './serve.js';
import { shareCommand } from './share.js';
import { tlsCommand } from './tls.js';

const main = {
  meta: { name: 'ksmkit-vault', version: '0.0.0', description: 'A local, zero-knowledge, KSM-compatible vault' },
  subCommands: {
    init: initCommand,
    serve: serveCommand,
    app: appCommand,
    folder: folderCommand,
    share: shareCommand,
    record: recordCommand,
    client: clientCommand,
    seed: seedCommand,
    demo: demoCommand,
    tls: tlsCommand,
  },
} as CommandDef;

await runBinary({
  program: 'ksmkit-vault',
  command: main,
  version: '0.0.0',
  exitCodeFor: (code) => exitCodeFor(code as Parameters<typeof exitCodeFor>[0]),
  bugExitCode: EXIT_BUG,
  // File-system and SQLite failures (EACCES, EROFS, disk full, …) are the operator's to fix, not bugs.
  translateError: (error) => asStartupError(error, process.cwd()),
});
