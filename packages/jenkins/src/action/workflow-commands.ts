// GitHub Actions runner protocol: workflow commands on stdout and the GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE files.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { StepError } from '../errors.js';

/**
 * Escapes a workflow command's data (`%`, CR, LF), as the runner expects.
 *
 * @example
 * escapeData('a\nb'); // 'a%0Ab'
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * The runner's `getInput`: `INPUT_<NAME>` (spaces to `_`, upper-cased), trimmed.
 *
 * @example
 * getInput('keeper-secret-config', process.env);
 */
export function getInput(name: string, env: Readonly<Record<string, string | undefined>>): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Appends `name<<DELIM … DELIM` to a runner file (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE). */
export function appendKeyValue(file: string | undefined, kind: string, name: string, value: string): void {
  if (file === undefined || file === '')
    throw new StepError('ERR_ACTION_INPUT', `${kind} is not set; this must run as a GitHub Actions step`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new StepError('ERR_ACTION_INPUT', `Unexpected input: the value of ${name} contains the delimiter`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

/**
 * Writes one workflow command line (`::add-mask::…`, `::error::…`) to `out`.
 *
 * @example
 * issueCommand(process.stdout, 'add-mask', value);
 */
export function issueCommand(out: { write(text: string): unknown }, command: string, data: string): void {
  out.write(`::${command}::${escapeData(data)}${EOL}`);
}
