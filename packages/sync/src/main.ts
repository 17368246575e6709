#!/usr/bin/env node
// Entry point of the `ksm-sync` binary: the command tree, run by the shared runner (the only process.exit).
import { runBinary } from '@ksmkit/runner';
import { syncCommand } from './cli/commands.js';
import { syncExitCodeFor } from './cli/exit-codes.js';

await runBinary({ program: 'ksm-sync', command: syncCommand, exitCodeFor: syncExitCodeFor });
