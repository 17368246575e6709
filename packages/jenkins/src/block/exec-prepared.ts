// Runs a command inside a prepared block: the block's env, masked output, signals forwarded, a summary line.
import type { ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { createRedactor } from '@ksmkit/redact';
import type { PreparedBlock } from './prepare.js';
import { runChild } from './run-child.js';
import { type SignalTrap, trapSignals } from './signals.js';

/** Where a block's output and messages go, and the process it runs in. */
export interface BlockIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * The child's environment: the caller's, minus the credential variables, plus the block's variables.
 *
 * @example
 * childEnv(process.env, block); // { PATH: …, MY_LOGIN: … }
 */
export function childEnv(
  base: Readonly<Record<string, string | undefined>>,
  block: Pick<PreparedBlock, 'env' | 'removeEnv'>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const name of block.removeEnv) delete env[name];
  return { ...env, ...block.env };
}

/**
 * Runs `command` with the block's env; stdout and stderr pass through one redactor over every value of the
 * block; unmaskable values are named in a warning first; the masked-count summary goes to stderr at the end.
 * A signal received meanwhile is forwarded to the child; the result is the child's exit code (128+N for signals).
 *
 * @example
 * const code = await execPrepared(block, ['sh', '-c', 'deploy'], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd });
 */
export async function execPrepared(block: PreparedBlock, command: readonly string[], io: BlockIo): Promise<number> {
  const redactor = createRedactor(block.masks);
  for (const warning of redactor.warnings) io.stderr.write(`ksm-step: warning: ${warning.message}\n`);
  let child: ChildProcess | undefined;
  let pending: NodeJS.Signals | undefined;
  const trap: SignalTrap = trapSignals((signal) => {
    if (child === undefined) pending = signal;
    else child.kill(signal);
  });
  try {
    const code = await runChild({
      command,
      env: childEnv(io.env, block),
      cwd: io.cwd,
      redactor,
      stdout: io.stdout,
      stderr: io.stderr,
      onSpawn: (spawned) => {
        child = spawned;
        if (pending !== undefined) spawned.kill(pending);
      },
    });
    if (redactor.size > 0) io.stderr.write(`${redactor.summary()}\n`);
    return code;
  } finally {
    trap.dispose();
  }
}
