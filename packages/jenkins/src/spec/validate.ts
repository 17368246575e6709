// Validates a whole `withKsm` spec before any network call and reports every problem at once.
import { parseNotation } from '@ksmkit/core';
import { StepError } from '../errors.js';
import { filePathProblem, normaliseFilePath } from './file-path.js';
import type { ValidApplication, ValidSecret, ValueFormat, WithKsmSpec } from './types.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORMATS: readonly ValueFormat[] = ['raw', 'json', 'base64'];

const isBlank = (value: unknown): boolean => value === undefined || value === null || String(value).trim() === '';
const text = (value: unknown): string => (isBlank(value) ? '' : String(value));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one secret; pushes problems and returns the valid secret or `undefined`. */
function checkSecret(raw: unknown, where: string, problems: string[]): ValidSecret | undefined {
  if (!isObject(raw)) {
    problems.push(`${where}: expected a map like [destination: 'env', envVar: 'NAME', notation: '…']`);
    return undefined;
  }
  const before = problems.length;
  const fail = (message: string): void => {
    problems.push(`${where}: ${message}`);
  };
  const destination = text(raw.destination);
  if (destination === '') fail('The destination is missing or blank.');
  else if (destination !== 'env' && destination !== 'file')
    fail(`The destination is not correct. Valid values is either 'env' or 'file' (got ${JSON.stringify(destination)})`);
  const envVar = text(raw.envVar);
  const filePath = text(raw.filePath);
  if (destination === 'env') {
    if (envVar === '') fail('The envVar value is missing or blank');
    else if (!ENV_NAME.test(envVar)) fail(`The envVar ${JSON.stringify(envVar)} is not a valid variable name`);
  }
  if (destination === 'file') {
    if (filePath === '') fail('The filePath value is missing or blank');
    else {
      const problem = filePathProblem(filePath);
      if (problem !== undefined) fail(problem);
    }
  }
  const format = isBlank(raw.format) ? 'raw' : String(raw.format);
  if (!FORMATS.includes(format as ValueFormat))
    fail(`The format must be one of raw, json, base64 (got ${JSON.stringify(format)})`);
  const notation = text(raw.notation).trim();
  let record = '';
  let isFile = false;
  if (notation === '') fail('The notation is missing or blank.');
  else {
    try {
      const parsed = parseNotation(notation, { legacy: true });
      record = parsed.record;
      isFile = parsed.selector === 'file';
    } catch (error) {
      fail(`Could not parse the notation ${JSON.stringify(notation)}: ${(error as Error).message}`);
    }
  }
  if (isFile && destination === 'env')
    fail(`The notation ${JSON.stringify(notation)} selects a file; use destination: 'file' with a filePath`);
  if (problems.length > before) return undefined;
  const target = destination === 'env' ? envVar : normaliseFilePath(filePath);
  return {
    where,
    destination: destination as 'env' | 'file',
    target,
    notation,
    format: format as ValueFormat,
    record,
    isFile,
  };
}

/**
 * Validates a parsed spec: every secret of every application (destination, envVar, filePath, notation, format),
 * blank credentialsIds, and duplicate destinations inside one application. Throws one `ERR_SPEC_INVALID`
 * listing every problem (`details.problems`); later applications may override earlier ones' destinations.
 *
 * @example
 * const apps = validateSpec({ application: [{ credentialsId: 'ci', secrets: [{ destination: 'env', envVar: 'X', notation: 'UID/field/login' }] }] });
 */
export function validateSpec(spec: WithKsmSpec): ValidApplication[] {
  const problems: string[] = [];
  const apps: ValidApplication[] = [];
  if (!Array.isArray(spec.application) || spec.application.length === 0) {
    throw new StepError(
      'ERR_SPEC_INVALID',
      "The application list is missing or empty; expected application: [[credentialsId: '…', secrets: [[…]]]]",
      { problems: ['application: missing or empty'] },
    );
  }
  spec.application.forEach((rawApp: unknown, i: number) => {
    const where = `application[${i}]`;
    if (!isObject(rawApp)) {
      problems.push(`${where}: expected a map like [credentialsId: '…', secrets: [[…]]]`);
      return;
    }
    const credentialsId = text(rawApp.credentialsId).trim();
    if (credentialsId === '') problems.push(`${where}: The credentialsId is missing or blank`);
    if (!Array.isArray(rawApp.secrets) || rawApp.secrets.length === 0) {
      problems.push(`${where}: The secrets list is missing or empty`);
      return;
    }
    const secrets: ValidSecret[] = [];
    const seen = new Map<string, string>();
    rawApp.secrets.forEach((rawSecret: unknown, j: number) => {
      const secret = checkSecret(rawSecret, `${where}.secrets[${j}]`, problems);
      if (secret === undefined) return;
      const key = `${secret.destination}:${secret.target}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const name = secret.destination === 'env' ? 'envVar' : 'filePath';
        problems.push(`${secret.where}: duplicate ${name} ${JSON.stringify(secret.target)} (also used by ${first})`);
        return;
      }
      seen.set(key, secret.where);
      secrets.push(secret);
    });
    apps.push({ credentialsId, secrets });
  });
  if (problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    throw new StepError('ERR_SPEC_INVALID', `The script has value problems (${problems.length}):\n${list}`, {
      problems,
    });
  }
  return apps;
}
