// One CLI run: lock, Keeper client, plan or apply, reports written, output as a table (TTY) or JSON; returns the exit code.
import { readFile, writeFile } from 'node:fs/promises';
import { createNodeClient, writeFileAtomic } from '@ksmkit/config';
import { SyncError } from '../errors.js';
import { loadMap } from '../map-file.js';
import type { SyncMap } from '../map-types.js';
import type { SyncPlan } from '../plan-types.js';
import { renderPlanTable } from '../render-plan.js';
import { junitXml } from '../report.js';
import { acquireRunLock } from '../run-lock.js';
import { runSync } from '../sync-run.js';
import { parseDuration } from './duration.js';
import { SYNC_EXIT } from './exit-codes.js';
import { defaultLockPath, type SharedOptions } from './shared-args.js';

/** What one CLI run does beyond the shared options. */
export interface RunOnceOptions extends SharedOptions {
  readonly mode: 'plan' | 'apply';
  /** plan: save the plan here. */
  readonly out?: string | undefined;
  /** apply: the saved plan to check against. */
  readonly planFile?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** A map built in memory (compat) instead of the one at `mapPath`. */
  readonly map?: SyncMap | undefined;
}

async function readPlanFile(path: string): Promise<SyncPlan> {
  try {
    const plan = JSON.parse(await readFile(path, 'utf8')) as SyncPlan;
    if (plan.version !== 1 || !Array.isArray(plan.items)) throw new Error('not a plan');
    return plan;
  } catch (error) {
    throw new SyncError(
      'ERR_PLAN_FILE',
      `${path} is not a plan written by "ksm-sync plan --out"`,
      { file: path },
      { cause: error },
    );
  }
}

/** A one-line progress bar on a TTY stderr. */
function progress(total: number): { tick(): void; done(): void } {
  let count = 0;
  const show = process.stderr.isTTY === true && total > 0;
  return {
    tick() {
      count++;
      if (show)
        process.stderr.write(`\r[${'#'.repeat(Math.round((count / total) * 30)).padEnd(30)}] ${count}/${total} writes`);
    },
    done() {
      if (show) process.stderr.write('\n');
    },
  };
}

/**
 * Runs plan or apply once under the job's lock and returns the exit code (0 ok, 3 something failed).
 *
 * @example
 * process.exitCode = await runOnce({ ...readShared(args), mode: 'plan' });
 */
export async function runOnce(options: RunOnceOptions): Promise<number> {
  const map = options.map ?? (await loadMap(options.mapPath));
  const savedPlan = options.planFile !== undefined ? await readPlanFile(options.planFile) : undefined;
  const lock = await acquireRunLock(options.lock ?? defaultLockPath(map.job), {
    waitMs: options.lockWait !== undefined ? parseDuration(options.lockWait, '--lock-wait') : 0,
  });
  try {
    const { client } = await createNodeClient({
      profile: options.profile ?? map.keeper?.profile,
      iniFile: options.iniFile ?? map.keeper?.iniFile,
    });
    let bar: ReturnType<typeof progress> | undefined;
    const { plan, report } = await runSync({
      map,
      client,
      mode: options.mode,
      baseDir: options.baseDir,
      adopt: options.adopt,
      allowMassDelete: options.allowMassDelete,
      savedPlan,
      signal: options.signal,
      onWrite: () => bar?.tick(),
    });
    bar?.done();
    if (options.out !== undefined) await writeFileAtomic(options.out, `${JSON.stringify(plan, null, 2)}\n`);
    if (options.report !== undefined) await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
    if (options.junit !== undefined) await writeFile(options.junit, junitXml(report));
    if (options.json) process.stdout.write(`${JSON.stringify(options.mode === 'plan' ? plan : report, null, 2)}\n`);
    else {
      process.stdout.write(renderPlanTable(report.items));
      for (const problem of plan.problems) process.stdout.write(`problem: ${problem}\n`);
      const failed = report.items.filter((i) => i.status === 'failed' || i.status === 'not-run');
      for (const item of failed)
        process.stdout.write(`failed: ${item.target}:${item.name} (${item.error ?? item.status})\n`);
    }
    return report.ok ? SYNC_EXIT.OK : SYNC_EXIT.FAILED;
  } finally {
    await lock.release();
  }
}
