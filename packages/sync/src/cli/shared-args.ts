// Options every ksm-sync command shares, and reading them into a run.

import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ArgsDef } from 'citty';

/** Options of plan, apply and run. */
export const sharedArgs = {
  map: {
    type: 'string',
    alias: 'm',
    description: 'Map file (YAML or JSON)',
    default: 'ksm-sync.yaml',
    valueHint: 'FILE',
  },
  profile: { type: 'string', description: 'keeper.ini profile for the Keeper client' },
  'ini-file': { type: 'string', description: 'keeper.ini to use as is' },
  json: { type: 'boolean', description: 'Print JSON (the default when stdout is not a terminal)' },
  report: { type: 'string', description: 'Write the JSON report (no values) to FILE', valueHint: 'FILE' },
  junit: { type: 'string', description: 'Write a JUnit XML report (no values) to FILE', valueHint: 'FILE' },
  adopt: {
    type: 'string',
    description: 'Comma-separated names (or target:name) we may take over although we did not create them',
  },
  'allow-mass-delete': { type: 'boolean', description: 'Lift the deletion budget for this run' },
  lock: { type: 'string', description: 'Lock file (default: one per job in the temp directory)', valueHint: 'FILE' },
  'lock-wait': {
    type: 'string',
    description: 'Wait this long for another run to finish (e.g. 5m) instead of exiting 4',
    valueHint: 'DURATION',
  },
} as const satisfies ArgsDef;

/** Parsed shared options. */
export interface SharedOptions {
  readonly mapPath: string;
  readonly baseDir: string;
  readonly profile?: string | undefined;
  readonly iniFile?: string | undefined;
  readonly json: boolean;
  readonly report?: string | undefined;
  readonly junit?: string | undefined;
  readonly adopt: string[];
  readonly allowMassDelete: boolean;
  readonly lock?: string | undefined;
  readonly lockWait?: string | undefined;
}

/**
 * Reads the shared options from citty's parsed args.
 *
 * @example
 * const options = readShared(args);
 */
export function readShared(args: Record<string, unknown>): SharedOptions {
  const mapPath = resolve(String(args.map ?? 'ksm-sync.yaml'));
  const str = (key: string) => (typeof args[key] === 'string' && args[key] !== '' ? (args[key] as string) : undefined);
  return {
    mapPath,
    baseDir: dirname(mapPath),
    profile: str('profile'),
    iniFile: str('ini-file'),
    json: args.json === true || !process.stdout.isTTY,
    report: str('report'),
    junit: str('junit'),
    adopt: (str('adopt') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    allowMassDelete: args['allow-mass-delete'] === true,
    lock: str('lock'),
    lockWait: str('lock-wait'),
  };
}

/**
 * The default lock file of a job.
 *
 * @example
 * defaultLockPath('prod'); // '/tmp/ksm-sync-prod.lock'
 */
export function defaultLockPath(job: string): string {
  return join(process.env.XDG_RUNTIME_DIR ?? tmpdir(), `ksm-sync-${job}.lock`);
}
