// Runs the block's command with its output through the masker; resolves with its exit code (128+N for signals).
import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { Redactor } from '@ksmkit/redact';
import { createRedactTransform } from '@ksmkit/redact/node';
import { StepError } from '../errors.js';
import { signalExitCode } from './signals.js';

/** Options of `runChild`. */
export interface RunChildOptions {
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly redactor: Redactor;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Called once the child exists (to forward signals to it). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/** Pipes `from` through a masking session into `to` (left open); resolves when all output is written. */
function masked(from: NodeJS.ReadableStream, redactor: Redactor, to: Writable): Promise<void> {
  const transform = createRedactTransform(redactor);
  from.pipe(transform);
  transform.pipe(to, { end: false });
  return new Promise((resolve, reject) => {
    transform.on('end', resolve);
    transform.on('error', reject);
  });
}

/**
 * Spawns `command` (no shell) with `env`, stdin inherited and stdout/stderr masked; resolves with its exit code,
 * or 128+N when signal N ended it. A missing program throws `ERR_COMMAND_NOT_FOUND`.
 *
 * @example
 * const code = await runChild({ command: ['make', 'deploy'], env, cwd, redactor, stdout: process.stdout, stderr: process.stderr });
 */
export async function runChild(options: RunChildOptions): Promise<number> {
  const [file, ...args] = options.command;
  if (file === undefined) throw new StepError('ERR_SESSION', 'No command given after --');
  const child = spawn(file, args, {
    env: options.env as NodeJS.ProcessEnv,
    cwd: options.cwd,
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  const output = Promise.all([
    masked(child.stdout, options.redactor, options.stdout),
    masked(child.stderr, options.redactor, options.stderr),
  ]);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new StepError('ERR_COMMAND_NOT_FOUND', `Command not found: ${file}; check the name and PATH`)
          : error,
      ),
    );
    child.on('close', (exitCode, signal) => resolve(signal !== null ? signalExitCode(signal) : (exitCode ?? 1)));
  });
  await output;
  return code;
}
