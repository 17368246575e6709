// Checks the schema cannot express: known targets, name templates and prefixes, literal names valid for their provider.
import type { SyncMap } from './map-types.js';
import { checkTemplate, isTemplate, literalPrefix } from './name-template.js';
import { checkName } from './naming-rules.js';

/** A semantic problem at a path of the map. */
export interface MapProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * The first semantic problem of a schema-valid map, or null.
 *
 * @example
 * checkMapSemantics(map); // { path: ['entries', 0, 'target'], message: 'unknown target "prod"; …' } or null
 */
export function checkMapSemantics(map: SyncMap): MapProblem | null {
  const seen = new Map<string, number>();
  for (const [index, entry] of map.entries.entries()) {
    const target = map.targets[entry.target];
    if (target === undefined)
      return {
        path: ['entries', index, 'target'],
        message: `unknown target "${entry.target}"; defined: ${Object.keys(map.targets).join(', ')}`,
      };
    const templated = isTemplate(entry.name);
    if (templated) {
      const problem = checkTemplate(entry.name);
      if (problem !== null) return { path: ['entries', index, 'name'], message: problem };
      if ('notation' in entry || 'fields' in entry)
        return { path: ['entries', index, 'name'], message: 'this entry names one secret: no {{…}} template' };
      const prefix = 'prefix' in entry ? entry.prefix : undefined;
      if (prefix === undefined)
        return {
          path: ['entries', index, 'prefix'],
          message: 'a derived (templated) name needs a "prefix" that every rendered name starts with',
        };
      if (!literalPrefix(entry.name).startsWith(prefix))
        return { path: ['entries', index, 'name'], message: `the template must start with its prefix "${prefix}"` };
      const prefixProblem = checkName(target.type, `${prefix}x`);
      if (prefixProblem !== null) return { path: ['entries', index, 'prefix'], message: prefixProblem };
    } else {
      const problem = checkName(target.type, entry.name);
      if (problem !== null) return { path: ['entries', index, 'name'], message: problem };
      if ('folder' in entry && entry.per !== 'folder')
        return {
          path: ['entries', index, 'name'],
          message: 'one secret per record needs a templated name, e.g. "app/{{record.title | kebab}}"',
        };
      const key = `${entry.target}\0${entry.name}`;
      const first = seen.get(key);
      if (first !== undefined)
        return { path: ['entries', index, 'name'], message: `"${entry.name}" is already written by entries[${first}]` };
      seen.set(key, index);
    }
  }
  return null;
}
