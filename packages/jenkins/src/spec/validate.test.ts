// Validation of the withKsm model: the plugin's messages, our added rules, all problems at once.
import { describe, expect, it } from 'vitest';
import { isStepError, StepError } from '../errors.js';
import { filePathProblem, normaliseFilePath } from './file-path.js';
import type { WithKsmSpec } from './types.js';
import { validateSpec } from './validate.js';

const UID = 'Atu8tVgMxpB-iO4xT-Vu3Q';

function problems(spec: WithKsmSpec): readonly string[] {
  try {
    validateSpec(spec);
  } catch (error) {
    if (isStepError(error, 'ERR_SPEC_INVALID')) return error.details.problems ?? [];
    throw error;
  }
  return [];
}

describe('validateSpec', () => {
  it('accepts the plugin example and normalises targets', () => {
    const apps = validateSpec({
      application: [
        {
          credentialsId: 'PID-1',
          secrets: [
            { destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: `keeper://${UID}/field/login` },
            { destination: 'env', envVar: 'PHONE', notation: `${UID}/custom_field/phone[1][number]`, format: 'json' },
            { destination: 'file', envVar: '', filePath: './certs//img.png', notation: `${UID}/file/IMG_0036.png` },
            { destination: 'env', envVar: 'BY_TITLE', notation: 'My Record/field/password' },
          ],
        },
      ],
    });
    expect(apps[0]?.secrets.map((s) => [s.destination, s.target, s.record, s.isFile, s.format])).toEqual([
      ['env', 'MY_LOGIN', UID, false, 'raw'],
      ['env', 'PHONE', UID, false, 'json'],
      ['file', 'certs/img.png', UID, true, 'raw'],
      ['env', 'BY_TITLE', 'My Record', false, 'raw'],
    ]);
  });

  it('reports every problem of every application together, prefixed like the plugin', () => {
    const spec = {
      application: [
        { credentialsId: ' ', secrets: [{ destination: 'env', envVar: '1BAD', notation: `${UID}/field/login` }] },
        { credentialsId: 'b', secrets: [] },
        {
          credentialsId: 'c',
          secrets: [
            { destination: 'file', filePath: '/etc/passwd', notation: `${UID}/field/login` },
            { destination: 'file', filePath: 'a/b/', notation: `${UID}/field/login` },
            { destination: 'env', envVar: 'X', notation: `${UID}/field/login`, format: 'yaml' },
            { destination: 'env', envVar: 'Y', notation: 'keeper://' },
            { destination: 'file', filePath: 'x.txt', notation: `${UID}/field/login` },
            { destination: 'file', filePath: './x.txt', notation: `${UID}/field/password` },
            'not a map',
          ],
        },
      ],
    };
    expect(problems(spec)).toEqual([
      'application[0]: The credentialsId is missing or blank',
      'application[0].secrets[0]: The envVar "1BAD" is not a valid variable name',
      'application[1]: The secrets list is missing or empty',
      'application[2].secrets[0]: The file path "/etc/passwd" is invalid: it must be relative to the workspace',
      'application[2].secrets[1]: The file path "a/b/" is invalid: it names a directory, not a file',
      'application[2].secrets[2]: The format must be one of raw, json, base64 (got "yaml")',
      expect.stringMatching(/^application\[2\]\.secrets\[3\]: Could not parse the notation "keeper:\/\/"/),
      'application[2].secrets[5]: duplicate filePath "x.txt" (also used by application[2].secrets[4])',
      "application[2].secrets[6]: expected a map like [destination: 'env', envVar: 'NAME', notation: '…']",
    ]);
    try {
      validateSpec(spec);
    } catch (error) {
      expect((error as StepError).message.startsWith('Keeper Secrets Manager: The script has value problems (9)')).toBe(
        true,
      );
    }
  });

  it('lets a later application override an earlier one (no duplicate error across applications)', () => {
    const secret = { destination: 'env', envVar: 'X', notation: `${UID}/field/login` };
    expect(
      validateSpec({
        application: [
          { credentialsId: 'a', secrets: [secret] },
          { credentialsId: 'b', secrets: [secret] },
        ],
      }),
    ).toHaveLength(2);
  });

  it('needs an application list', () => {
    expect(() => validateSpec({})).toThrow(StepError);
    expect(() => validateSpec({ application: [] })).toThrow(/application list is missing or empty/);
  });
});

describe('file paths', () => {
  it.each([
    ['a.txt', undefined],
    ['dir/a.txt', undefined],
    ['..', "'..' is not allowed"],
    ['a/../b', "'..' is not allowed"],
    ['a\\..\\b', "'..' is not allowed"],
    ['\\\\server\\x', 'relative'],
    ['D:x', 'drive letter'],
    ['.', 'names no file'],
  ])('%j → %s', (path, problem) => {
    const found = filePathProblem(path);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('normalises separators and dots', () => {
    expect(normaliseFilePath('./a//b\\c.txt')).toBe('a/b/c.txt');
  });
});
