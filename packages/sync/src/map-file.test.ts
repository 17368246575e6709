// Map files: YAML and JSON accepted, every mistake reported with file, line and column and a stable code.
import { describe, expect, it } from 'vitest';
import { isSyncError, type SyncError } from './errors.js';
import { parseMap } from './map-file.js';

const UID = 'AbCdEfGhIjKlMnOpQrStUv';
const GOOD = `version: 1
job: prod
targets:
  aws:
    type: aws
    region: us-east-1
    drift: overwrite
  env:
    type: dotenv
    path: out.env
entries:
  - target: aws
    name: prod/db
    notation: keeper://${UID}/field/password
  - target: aws
    name: "prod/{{record.title | kebab}}"
    prefix: prod/
    folder: ${UID}
  - target: env
    name: DB_PASSWORD
    notation: keeper://${UID}/field/password
`;

function failure(text: string): SyncError {
  try {
    parseMap(text, 'map.yaml');
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error('expected the map to be refused');
}

describe('parseMap', () => {
  it('accepts a valid YAML map and the same map as JSON', () => {
    const map = parseMap(GOOD);
    expect(map.entries).toHaveLength(3);
    expect(parseMap(JSON.stringify(map))).toEqual(map);
  });

  it('points at the line and column of a wrong value', () => {
    const error = failure(GOOD.replace('drift: overwrite', 'drift: sometimes'));
    expect(error.code).toBe('ERR_MAP_INVALID');
    expect(error.details).toMatchObject({ line: 7, column: 12, path: 'targets.aws.drift' });
    expect(error.message).toBe('map.yaml:7:12: targets.aws.drift: must be one of overwrite, skip, fail');
  });

  it('names an unknown property inside the branch the entry meant', () => {
    const error = failure(GOOD.replace('    name: prod/db\n', '    name: prod/db\n    nmae: typo\n'));
    expect(error.message).toMatch(/^map\.yaml:12:5: entries\[0\]: unknown property "nmae"$/);
  });

  it('reports YAML syntax errors with their position', () => {
    const error = failure('version: 1\njob: [unclosed\n');
    expect(error.details.line).toBeGreaterThanOrEqual(2);
    expect(error.code).toBe('ERR_MAP_INVALID');
  });

  it('refuses an entry for an unknown target', () => {
    expect(failure(GOOD.replace('  - target: env', '  - target: nope')).message).toMatch(
      /entries\[2\]\.target: unknown target "nope"/,
    );
  });

  it('checks literal names against the provider rules before anything runs', () => {
    expect(failure(GOOD.replace('name: DB_PASSWORD', 'name: db-password')).message).toMatch(/dotenv keys are/);
    expect(failure(GOOD.replace('name: prod/db', 'name: prod db')).message).toMatch(
      /map\.yaml:13:11: .*AWS secret names use only/,
    );
  });

  it('requires a prefix for derived names and checks the template', () => {
    expect(failure(GOOD.replace('    prefix: prod/\n', '')).message).toMatch(/needs a "prefix"/);
    expect(failure(GOOD.replace('prefix: prod/', 'prefix: other/')).message).toMatch(/must start with its prefix/);
    expect(failure(GOOD.replace('record.title | kebab', 'record.name')).message).toMatch(
      /unknown variable "record.name"/,
    );
    expect(failure(GOOD.replace('record.title | kebab', 'record.title | shout')).message).toMatch(
      /unknown filter "shout"/,
    );
  });

  it('refuses two entries writing the same name', () => {
    const twice = `${GOOD}  - target: env\n    name: DB_PASSWORD\n    notation: keeper://${UID}/field/login\n`;
    expect(failure(twice).message).toMatch(/already written by entries\[2\]/);
  });
});

describe('parseMap refines errors inside the branch a target meant', () => {
  it('points at the wrong property of each target type', () => {
    for (const [type, extra] of [
      ['json', 'path: x.json'],
      ['dotenv', 'path: x.env'],
      ['gcp', 'projectId: my-project-1'],
      ['azure', 'vaultName: kv-1'],
      ['vault', 'mount: secret'],
    ] as const) {
      const text = `version: 1\njob: j\ntargets:\n  t:\n    type: ${type}\n    ${extra}\n    bogus: 1\nentries: []\n`;
      expect(() => parseMap(text, 'm.yaml')).toThrow(/^m\.yaml:5:5: targets\.t: unknown property "bogus"$/);
    }
  });
});
