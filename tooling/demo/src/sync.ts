// The sync part of the demo: `ksm-sync plan`, then `apply` twice, into a local dotenv target (no cloud needed).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryOf } from './child.js';

/** What the sync runs showed: the plan's actions and the writes of each apply. */
export interface DemoSync {
  readonly mapFile: string;
  readonly planned: readonly string[];
  readonly firstWrites: number;
  readonly secondWrites: number;
}

const MAP = `version: 1
job: ksmkit-demo
targets:
  env: { type: dotenv, path: .env.local }
entries:
  - { target: env, name: DB_PASSWORD, notation: "keeper://Postgres/field/password" }
  - { target: env, name: GITHUB_TOKEN, notation: "keeper://GitHub/field/password" }
`;

/** The creates and updates an apply's JSON report counts. */
function writesOf(report: { counts?: { create?: number; update?: number } }): number {
  return (report.counts?.create ?? 0) + (report.counts?.update ?? 0);
}

/**
 * Writes a map file in `dir`, plans and applies it twice with the device config in `KSM_CONFIG` (the second apply
 * writes nothing), and returns what the plan and the applies reported. Nothing printed holds a value.
 *
 * @example
 * const sync = runSync(dir, config);
 */
export function runSync(dir: string, config: string): DemoSync {
  const bin = binaryOf('@ksmkit/sync', 'dist/main.js');
  const mapFile = join(dir, 'ksm-sync.yaml');
  writeFileSync(mapFile, MAP);
  const env = { ...process.env, KSM_CONFIG: config, HOME: dir };
  const run = (...args: string[]) =>
    JSON.parse(
      execFileSync(process.execPath, [bin, ...args, '--map', mapFile, '--json'], { cwd: dir, env, encoding: 'utf8' }),
    );
  const plan = run('plan') as { items?: { action: string; name: string }[] };
  const planned = (plan.items ?? []).map((item) => `${item.action} ${item.name}`);
  return { mapFile, planned, firstWrites: writesOf(run('apply')), secondWrites: writesOf(run('apply')) };
}
