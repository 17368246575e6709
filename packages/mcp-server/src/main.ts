#!/usr/bin/env node
// Entry point of `ksmkit-mcp`: the command tree, run by the shared runner; no arguments means stdio.
import { runBinary } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { exitCodeFor } from './exit-codes.js';
import { VERSION } from './version.js';

const main = defineCommand({
  meta: {
    name: 'ksmkit-mcp',
    description: 'MCP server for Keeper Secrets Manager: agents use secrets without seeing them',
  },
  subCommands: {
    // loaded on demand: `clients` and `config` never load the MCP SDK, `stdio` never loads hono
    stdio: () => import('./stdio-command.js').then((m) => m.stdioCommand),
    http: () => import('./http/http-command.js').then((m) => m.httpCommand),
    clients: () => import('./http/clients-command.js').then((m) => m.clientsCommand),
    config: () => import('./config-command.js').then((m) => m.configCommand),
  },
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
