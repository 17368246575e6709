#!/usr/bin/env node
// Entry point of `ksmkit-mcp`: the command tree, run by the shared runner; no arguments means stdio.
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { configCommand } from './config-command.js';
import { exitCodeFor } from './exit-codes.js';
import { clientsCommand } from './http/clients-command.js';
import { httpCommand } from './http/http-command.js';
import { stdioCommand } from './stdio-command.js';
import { VERSION } from './version.js';

const main = defineCommand({
  meta: {
    name: 'ksmkit-mcp',
    description: 'MCP server for Keeper Secrets Manager: agents use secrets without seeing them',
  },
  subCommands: { stdio: stdioCommand, http: httpCommand, clients: clientsCommand, config: configCommand },
});

const argv = process.argv.slice(2);
await runBinary({
  program: 'ksmkit-mcp',
  command: main,
  version: VERSION,
  argv: argv.length === 0 ? ['stdio'] : argv,
  exitCodeFor,
  bugExitCode: 70,
});
