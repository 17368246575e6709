#!/usr/bin/env node
// The `ksmkit-vault` bin: runs a citty command, prints user errors plainly (distinct exit codes), bugs with a stack.
import { type CommandDef, renderUsage, runCommand } from 'citty';
import { isVaultError } from '../store/errors.js';
import { asStartupError } from '../store/startup-error.js';
import { appCommand } from './app.js';
import { clientCommand } from './client.js';
import { demoCommand } from './demo.js';
import { EXIT_BUG, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
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

async function commandFor(rawArgs: readonly string[]): Promise<CommandDef> {
  let command: CommandDef = main;
  for (const word of rawArgs) {
    if (word.startsWith('-')) break;
    const subs = command.subCommands as Record<string, CommandDef> | undefined;
    const next = subs?.[word];
    if (next === undefined) break;
    command = next;
  }
  return command;
}

async function run(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    process.stdout.write(`${await renderUsage(await commandFor(rawArgs))}\n`);
    return 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v')) {
    process.stdout.write('0.0.0\n');
    return 0;
  }
  try {
    await runCommand(main, { rawArgs });
    return 0;
  } catch (thrown) {
    // File-system and SQLite failures (EACCES, EROFS, disk full, …) are the operator's to fix, not bugs.
    const error = asStartupError(thrown, process.cwd());
    if (isVaultError(error)) {
      process.stderr.write(`ksmkit-vault: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E_')) {
      process.stderr.write(`ksmkit-vault: ${(error as Error).message}\nRun \`ksmkit-vault --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(
      `ksmkit-vault: unexpected error (a bug; please report it with this trace)\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT_BUG;
  }
}

const exitCode = await run(process.argv.slice(2));
// Let piped stdout/stderr drain before exiting (pipes are asynchronous on some platforms).
await new Promise<void>((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
process.exit(exitCode);
