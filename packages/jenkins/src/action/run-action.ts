// The GitHub Action: resolve the `secrets` lines, register every form of every value with ::add-mask::, then export.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createEnvStorage, createNodeClient } from '@ksmkit/config';
import { secretForms } from '@ksmkit/redact';
import { StepError } from '../errors.js';
import { resolveApplication } from '../resolve/resolve-application.js';
import { type ActionSecret, parseActionSecrets } from './action-secrets.js';
import { appendKeyValue, getInput, issueCommand } from './workflow-commands.js';

/** The process the action runs in (all replaceable in tests). */
export interface ActionIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
}

/**
 * Runs the action: inputs `keeper-secret-config` (JSON or base64) and `secrets`. Every value and each of its
 * masked forms (lines, base64, percent, JSON, shell, XML — @ksmkit/redact's `secretForms`) is registered with
 * `::add-mask::` before anything is exported; files are written 0600 and recorded for the post step.
 * Resolves with the exit code (errors are reported with `::error::`).
 *
 * @example
 * process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), stdout: process.stdout });
 */
export async function runAction(io: ActionIo): Promise<number> {
  try {
    const config = getInput('keeper-secret-config', io.env);
    if (config === '')
      throw new StepError(
        'ERR_ACTION_INPUT',
        'Configuration string is empty. Looks like secret was not located in your environment. Did you forget include "environment" to the job?',
      );
    for (const form of new Set([config, ...secretForms(config)])) issueCommand(io.stdout, 'add-mask', form);
    const secrets = parseActionSecrets(io.env.INPUT_SECRETS ?? '');
    const storage = createEnvStorage({ KSM_CONFIG: config }, { writes: 'memory' });
    const { client } = await createNodeClient({ storage });
    const resolved = await resolveApplication(client, { credentialsId: 'keeper-secret-config', secrets });
    for (const item of resolved)
      for (const value of item.masks) for (const form of secretForms(value)) issueCommand(io.stdout, 'add-mask', form);
    const files: string[] = [];
    for (const item of resolved) {
      const secret = item.secret as ActionSecret;
      if (secret.kind === 'env') appendKeyValue(io.env.GITHUB_ENV, 'GITHUB_ENV', secret.target, item.text);
      else if (secret.kind === 'output')
        appendKeyValue(io.env.GITHUB_OUTPUT, 'GITHUB_OUTPUT', secret.target, item.text);
      else {
        const path = resolve(io.cwd, secret.target);
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(path, item.bytes, { mode: 0o600 });
        files.push(path);
      }
    }
    if (files.length > 0) appendKeyValue(io.env.GITHUB_STATE, 'GITHUB_STATE', 'ksm_files', JSON.stringify(files));
    io.stdout.write(`Keeper Secrets Manager: ${resolved.length} secret(s) set, every form masked\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    issueCommand(io.stdout, 'error', message);
    return 1;
  }
}
