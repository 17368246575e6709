// Reads a spec file as JSON, YAML or a Groovy map literal (copied from a Jenkinsfile), by its content.
import { readFile } from 'node:fs/promises';
import { StepError } from '../errors.js';
import { readStdin } from '../read-stdin.js';
import { parseGroovySpec } from './parse-groovy.js';
import type { WithKsmSpec } from './types.js';

/** How the text was read. */
export type SpecSyntax = 'json' | 'yaml' | 'groovy';

/** Picks the syntax: JSON for `{`, Groovy for `[`, `withKsm(` or `application:` followed by `[`, else YAML. */
function detect(text: string): SpecSyntax {
  const body = text.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  if (body.startsWith('{')) return 'json';
  if (body.startsWith('[') || body.startsWith('withKsm') || /^application\s*:\s*\[/.test(body)) return 'groovy';
  return 'yaml';
}

/**
 * Parses spec text; errors carry the line and column (`ERR_SPEC_SYNTAX`). The YAML parser loads only for YAML.
 *
 * @example
 * await parseSpecText('{"application": []}'); // { spec: { application: [] }, syntax: 'json' }
 */
export async function parseSpecText(text: string): Promise<{ spec: WithKsmSpec; syntax: SpecSyntax }> {
  const syntax = detect(text);
  let value: unknown;
  if (syntax === 'groovy') value = parseGroovySpec(text);
  else if (syntax === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StepError('ERR_SPEC_SYNTAX', `Spec is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const { parse: parseYaml, YAMLParseError } = await import('yaml');
    try {
      value = parseYaml(text);
    } catch (error) {
      if (error instanceof YAMLParseError) {
        const [line, column] = [error.linePos?.[0].line, error.linePos?.[0].col];
        throw new StepError(
          'ERR_SPEC_SYNTAX',
          `Spec syntax error at line ${line}, column ${column}: ${error.message}`,
          {
            ...(line !== undefined ? { line } : {}),
            ...(column !== undefined ? { column } : {}),
          },
        );
      }
      throw error;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StepError('ERR_SPEC_SYNTAX', 'Spec must be a map with an application list, e.g. {"application": [...]}');
  return { spec: value as WithKsmSpec, syntax };
}

/**
 * Reads and parses the spec file at `path` (`-` reads standard input).
 *
 * @example
 * const { spec } = await loadSpec('withksm.groovy');
 */
export async function loadSpec(path: string): Promise<{ spec: WithKsmSpec; syntax: SpecSyntax }> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new StepError('ERR_SPEC_READ', `Cannot read the spec file ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseSpecText(text);
}
