// run_with_secrets: runs an operator-allowlisted program with secrets in its environment; output scrubbed and capped.
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { McpServerError } from '../errors.js';
import type { ToolSpec } from '../tool-kit.js';
import { resolveReference } from './resolve-reference.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;
const FORBIDDEN_ENV = /^(LD_|DYLD_|NODE_OPTIONS$|PATH$|KSM_)/;

const input = z.strictObject({
  command: z.string().min(1).max(500).describe('A program the operator allowlisted (--allow-exec)'),
  args: z.array(z.string().max(4000)).max(100).optional().describe('Arguments, passed as is (no shell)'),
  env: z
    .record(z.string(), z.string().max(1000))
    .optional()
    .describe('Environment variables: NAME → keeper://UID/field/TYPE (or custom_field/LABEL) reference'),
  timeoutSeconds: z.number().int().min(1).max(3600).optional().describe('Kill the command after this long'),
});

const output = z.object({
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
  truncated: z.boolean().describe('output was longer than the cap'),
  withheld: z.boolean().describe('output hid a secret in a transformed form and was withheld'),
});

const WITHHELD = '[output withheld: it contained a secret value in a transformed form]';

/** The run_with_secrets tool. */
export const runWithSecretsTool: ToolSpec<typeof input, typeof output> = {
  name: 'run_with_secrets',
  title: 'Run a command with secrets',
  description:
    'Run an allowlisted program with secrets in its environment, without seeing them: env maps variable names to ' +
    'keeper:// references (e.g. {"PGPASSWORD": "keeper://UID/field/password"}). No shell; stdout and stderr come back ' +
    'with every secret masked (also encoded forms), capped in size, and the command is killed at the timeout.',
  input,
  output,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(ctx, args, note) {
    if (!ctx.options.allowExec.includes(args.command)) {
      throw new McpServerError(
        'ERR_NOT_ALLOWED',
        `This command is not allowlisted. Allowed: ${ctx.options.allowExec.join(', ')}`,
      );
    }
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
    for (const [name, reference] of Object.entries(args.env ?? {})) {
      if (!ENV_NAME.test(name) || FORBIDDEN_ENV.test(name)) {
        throw new McpServerError(
          'ERR_INVALID_INPUT',
          'Environment names must be [A-Za-z_][A-Za-z0-9_]*, not PATH, LD_*, KSM_*.',
        );
      }
      env[name] = (await resolveReference(ctx, note, reference)).value;
    }
    const timeoutMs = Math.min((args.timeoutSeconds ?? Number.POSITIVE_INFINITY) * 1000, ctx.options.execTimeoutMs);
    const result = await runCapped(
      args.command,
      args.args ?? [],
      env,
      timeoutMs,
      ctx.options.outputCapBytes,
      ctx.scrubber,
    );
    const withheld = ctx.scrubber.hidesSecret(result.stdout) || ctx.scrubber.hidesSecret(result.stderr);
    const out = {
      ...result,
      stdout: withheld ? WITHHELD : result.stdout,
      stderr: withheld ? WITHHELD : result.stderr,
      withheld,
    };
    note.decision = withheld ? 'withheld' : 'ok';
    const status = out.timedOut
      ? 'timed out'
      : out.signal !== null
        ? `killed by ${out.signal}`
        : `exit ${out.exitCode}`;
    return { structured: out, text: `${status}\n--- stdout\n${out.stdout}\n--- stderr\n${out.stderr}` };
  },
};

interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/** Spawns without a shell in its own process group; each stream is scrubbed as it arrives and capped. */
function runCapped(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
  capBytes: number,
  scrubber: { stream(): { write(chunk: Uint8Array): string; flush(): string } },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let truncated = false;
    let timedOut = false;
    const collect = (stream: NodeJS.ReadableStream) => {
      const session = scrubber.stream();
      let bytes = 0;
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        if (bytes >= capBytes) {
          truncated = true;
          return;
        }
        const part = chunk.subarray(0, capBytes - bytes);
        if (part.length < chunk.length) truncated = true;
        bytes += part.length;
        text += session.write(new Uint8Array(part));
      });
      return () => text + session.flush();
    };
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        exitCode: null,
        signal: null,
        timedOut,
        stdout: '',
        stderr: `could not start: ${error.code ?? 'error'}`,
        truncated,
      });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code, signal, timedOut, stdout: stdout(), stderr: stderr(), truncated });
    });
  });
}
