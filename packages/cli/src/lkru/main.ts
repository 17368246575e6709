#!/usr/bin/env node
// Entry point of the `lkru` binary: runs one command, maps errors to exit codes (the only process.exit).
import { reportError } from '../shared/report-error.js';
import { runLkru } from './lkru-run.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  await runLkru(process.argv.slice(2), { env: process.env, stdout: process.stdout, readStdin });
} catch (error) {
  process.exit(reportError('lkru', error, process.stderr));
}
