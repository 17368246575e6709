#!/usr/bin/env node
// Entry point of the `lkru` binary: runs one command through the shared runner (the only process.exit).
import { runMain } from '@ksmkit/runner';
import { exitCodeFor } from '../shared/exit-code-for.js';
import { runLkru } from './lkru-run.js';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

await runMain(() => runLkru(process.argv.slice(2), { env: process.env, stdout: process.stdout, readStdin }), {
  program: 'lkru',
  exitCodeFor,
});
