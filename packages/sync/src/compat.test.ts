// Keeper's `ksm sync` flags become an equivalent, safer map.
import { describe, expect, it } from 'vitest';
import { ksmSyncToMap, mapToYaml, parseKsmSyncArgs } from './compat.js';
import { isSyncError } from './errors.js';
import { parseMap } from './map-file.js';

const UID = 'AbCdEfGhIjKlMnOpQrStUv';

describe('ksm sync compatibility', () => {
  it('maps plain keys, the AWS name+jsonKey merge form, whole records and --preserve-missing', () => {
    const args = parseKsmSyncArgs([
      '--type',
      'aws',
      '-c',
      UID,
      '-p',
      '--map',
      'prod/db',
      `keeper://${UID}/field/password`,
      '-m',
      'prod/app+user',
      `keeper://${UID}/field/login`,
      '-m',
      'prod/app+pass',
      `keeper://${UID}/field/password`,
      '-m',
      'prod/whole',
      UID,
    ]);
    expect(args).toMatchObject({ type: 'aws', credentials: UID, preserveMissing: true, dryRun: false });
    const map = ksmSyncToMap(args);
    expect(map.targets.dest).toEqual({ type: 'aws', credentials: UID, onAbsent: 'keep' });
    expect(map.entries).toEqual([
      { target: 'dest', name: 'prod/db', notation: `keeper://${UID}/field/password` },
      {
        target: 'dest',
        name: 'prod/app',
        fields: { user: `keeper://${UID}/field/login`, pass: `keeper://${UID}/field/password` },
      },
      { target: 'dest', name: 'prod/whole', record: UID },
    ]);
    expect(parseMap(mapToYaml(map))).toEqual(map);
  });

  it('refuses what ksm sync would refuse, with ERR_COMPAT_ARGS', () => {
    for (const argv of [
      ['-t', 'aws'],
      ['-t', 'vault', '-m', 'a', 'keeper://x/field/y'],
      ['-t', 'aws', '-m', 'only-key'],
      ['-t', 'aws', '--bogus'],
    ])
      expect(() => parseKsmSyncArgs(argv)).toThrow(expect.objectContaining({ code: 'ERR_COMPAT_ARGS' }));
    try {
      ksmSyncToMap(parseKsmSyncArgs(['-t', 'azure', '-m', 'bad_name', `keeper://${UID}/field/password`]));
      throw new Error('expected a naming error');
    } catch (error) {
      expect(isSyncError(error, 'ERR_MAP_INVALID')).toBe(true);
    }
  });
});
