// Loads a map file (YAML or JSON): parse with positions, validate against the published JSON Schema, then the semantic checks.
import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import schema from '../schema/map.schema.json' with { type: 'json' };
import { SyncError } from './errors.js';
import { checkMapSemantics } from './map-semantics.js';
import type { SyncMap } from './map-types.js';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
const validateMap = ajv.compile(schema);
const branch = (path: string): ValidateFunction => {
  const id = `${schema.$id}#/definitions/${path}`;
  return ajv.getSchema(id) ?? ajv.compile({ $ref: id });
};

/** The oneOf branch a value meant (by `type` for targets, by source key for entries), or null. */
function intendedBranch(path: readonly (string | number)[], value: unknown): ValidateFunction | null {
  if (typeof value !== 'object' || value === null) return null;
  const item = value as Record<string, unknown>;
  if (path[0] === 'targets' && path.length === 2) {
    // the order of the target branches in the schema
    const index = ['aws', 'vault', 'azure', 'gcp', 'json|dotenv'].findIndex((types) =>
      types.split('|').includes(String(item.type)),
    );
    return index < 0 ? null : branch(`target/oneOf/${index}`);
  }
  if (path[0] === 'entries' && path.length === 2) {
    const index = ['notation', 'record', 'folder', 'fields'].findIndex((key) => key in item);
    return index < 0 ? null : branch(`entry/oneOf/${index}`);
  }
  return null;
}

const toPath = (pointer: string): (string | number)[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `missing required property "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'enum') return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'const') return `must be ${JSON.stringify(error.params.allowedValue)}`;
  if (error.keyword === 'oneOf' && error.instancePath.startsWith('/targets/'))
    return 'needs a "type" of aws, vault, azure, gcp, json or dotenv';
  if (error.keyword === 'oneOf') return 'needs exactly one source: "notation", "record", "folder" or "fields"';
  return error.message ?? 'is invalid';
}

/** The first schema error, refined into the branch the author meant, as [path, message]. */
function firstError(data: unknown, errors: readonly ErrorObject[]): [(string | number)[], string] {
  const oneOf = errors.find((error) => error.keyword === 'oneOf');
  if (oneOf !== undefined) {
    const path = toPath(oneOf.instancePath);
    let value: unknown = data;
    for (const key of path) value = (value as Record<string | number, unknown>)[key];
    const refine = intendedBranch(path, value);
    if (refine !== null && !refine(value) && refine.errors?.[0] !== undefined) {
      const inner = refine.errors[0];
      return [[...path, ...toPath(inner.instancePath)], describe(inner)];
    }
    const hasType = path[0] === 'targets' && typeof value === 'object' && value !== null && 'type' in value;
    return [hasType ? [...path, 'type'] : path, describe(oneOf)];
  }
  const error = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  if (error === undefined) return [[], 'is invalid'];
  return [toPath(error.instancePath), describe(error)];
}

const dotted = (path: readonly (string | number)[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');

/** Line and column (1-based) of the node at `path` in the parsed document, or of the nearest parent. */
export function positionOf(
  doc: Document,
  counter: LineCounter,
  path: readonly (string | number)[],
): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Parses and validates map text; errors are `ERR_MAP_INVALID` with `file:line:column: path: what is wrong`.
 *
 * @example
 * const map = parseMap('version: 1\njob: prod\ntargets: { out: { type: json, path: out.json } }\nentries: []\n', 'map.yaml');
 */
export function parseMap(text: string, file = '<map>'): SyncMap {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const fail = (path: readonly (string | number)[], message: string, at?: { line: number; column: number }): never => {
    const { line, column } = at ?? positionOf(doc, counter, path);
    const where = path.length > 0 ? `${dotted(path)}: ` : '';
    throw new SyncError('ERR_MAP_INVALID', `${file}:${line}:${column}: ${where}${message}`, {
      file,
      line,
      column,
      path: dotted(path),
    });
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const { line, col } = counter.linePos(syntax.pos[0]);
    fail([], syntax.message.split('\n')[0] ?? 'syntax error', { line, column: col });
  }
  const data: unknown = doc.toJS();
  if (!validateMap(data)) {
    const [path, message] = firstError(data, validateMap.errors ?? []);
    fail(path, message);
  }
  const map = data as SyncMap;
  const problem = checkMapSemantics(map);
  if (problem !== null) fail(problem.path, problem.message);
  return map;
}

/**
 * Reads and validates a map file (YAML or JSON).
 *
 * @example
 * const map = await loadMap('ksm-sync.yaml');
 */
export async function loadMap(file: string): Promise<SyncMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SyncError(
      'ERR_MAP_READ',
      `cannot read the map file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      { file },
      { cause: error },
    );
  }
  return parseMap(text, file);
}
