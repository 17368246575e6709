// `ksm exec -- CMD …`: runs CMD with keeper:// environment values replaced, masking them in its output.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createRedactor, type SecretInput } from '@ksmkit/redact';
import { createRedactTransform } from '@ksmkit/redact/node';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { clientFor, globalArgs } from './context.js';

/**
 * The `ksm exec` command: the child's exit code becomes ksm's (128+N when killed by signal N).
 *
 * @example
 * // DB_PASS=keeper://UID/field/password ksm exec -- ./deploy.sh
 */
export const execCommand = defineCommand({
  meta: { name: 'exec', description: 'Run a command with keeper:// environment values replaced (output masked)' },
  args: { ...globalArgs },
  async run({ args, rawArgs }) {
    const separator = rawArgs.indexOf('--');
    const command = separator === -1 ? [] : rawArgs.slice(separator + 1);
    const [file, ...rest] = command;
    if (file === undefined)
      throw new UserError('Give the command after --, e.g. `ksm exec -- env`', { exitCode: EXIT.USAGE });
    const env: Record<string, string | undefined> = { ...process.env };
    const secrets: SecretInput[] = [];
    const names = Object.keys(env).filter((name) => env[name]?.startsWith('keeper://'));
    if (names.length > 0) {
      const client = await clientFor(args);
      for (const name of names) {
        const values = await client.getNotationResults(env[name] as string);
        const value = values.join(',');
        env[name] = value;
        secrets.push({ name, value }, ...values.map((part) => ({ name, value: part })));
      }
    }
    // Values too short or blank to mask are named on stderr (never shown), so the policy is never silent.
    const redactor = createRedactor(secrets);
    for (const warning of redactor.warnings) process.stderr.write(`ksm: warning: ${warning.message}\n`);
    const child = spawn(file, rest, { env, stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.pipe(createRedactTransform(redactor)).pipe(process.stdout);
    child.stderr.pipe(createRedactTransform(redactor)).pipe(process.stderr);
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT'
            ? new UserError(`Command not found: ${file}; check the name and PATH`, { exitCode: EXIT.NOT_FOUND })
            : error,
        ),
      );
      child.on('close', (exitCode, signal) => {
        const signalNumber = signal === null ? 0 : (constants.signals[signal] ?? 0);
        resolve(exitCode ?? 128 + signalNumber);
      });
    });
    process.exitCode = code;
  },
});
