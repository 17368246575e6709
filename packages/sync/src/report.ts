// Run reports without values: JSON (plan rows, results, counts, calls) and JUnit XML (one test case per row).
import type { ApplyResult } from './apply.js';
import type { PlanItem, SyncPlan } from './plan-types.js';
import { summarize } from './plan-types.js';
import type { CallCounts } from './provider.js';

/** The JSON report of a run. */
export interface SyncReport {
  readonly job: string;
  readonly mode: 'plan' | 'apply';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly ok: boolean;
  readonly counts: ReturnType<typeof summarize> & { writesFailed: number };
  readonly calls: Readonly<Record<string, CallCounts>>;
  readonly problems: readonly string[];
  readonly items: readonly (PlanItem & {
    readonly status?: ApplyResult['status'];
    readonly error?: string | undefined;
  })[];
}

/**
 * Builds the report of a plan (and of its apply, when `results` are given).
 *
 * @example
 * const report = buildReport(plan, results, calls, startedAt);
 */
export function buildReport(
  plan: SyncPlan,
  results: readonly ApplyResult[] | null,
  calls: Readonly<Record<string, CallCounts>>,
  startedAt: Date,
): SyncReport {
  const byKey = new Map((results ?? []).map((r) => [`${r.item.target}\0${r.item.name}\0${r.item.action}`, r]));
  const items = plan.items.map((item) => {
    const result = byKey.get(`${item.target}\0${item.name}\0${item.action}`);
    return result === undefined ? item : { ...item, status: result.status, error: result.error };
  });
  const writesFailed = (results ?? []).filter((r) => r.status === 'failed' || r.status === 'not-run').length;
  const counts = { ...summarize(plan.items), writesFailed };
  return {
    job: plan.job,
    mode: results === null ? 'plan' : 'apply',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ok: counts.failed === 0 && writesFailed === 0 && plan.problems.length === 0,
    counts,
    calls,
    problems: plan.problems,
    items,
  };
}

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The report as JUnit XML: one suite per target, one case per row; failed rows and run problems are failures.
 *
 * @example
 * await writeFile('ksm-sync.xml', junitXml(report));
 */
export function junitXml(report: SyncReport): string {
  const targets = [...new Set(report.items.map((item) => item.target))];
  const suites = targets.map((target) => {
    const rows = report.items.filter((item) => item.target === target);
    const cases = rows.map((item) => {
      const failed = item.failed === true || item.status === 'failed' || item.status === 'not-run';
      const detail = `${item.action}${item.reason !== undefined ? `: ${item.reason}` : ''}${item.error !== undefined ? ` (${item.error})` : ''}`;
      const body = failed
        ? `<failure message="${xml(detail)}"/>`
        : item.action === 'skipped'
          ? `<skipped message="${xml(detail)}"/>`
          : '';
      return `    <testcase classname="ksm-sync.${xml(target)}" name="${xml(item.name)}">${body}</testcase>`;
    });
    const failures = rows.filter(
      (item) => item.failed === true || item.status === 'failed' || item.status === 'not-run',
    ).length;
    return `  <testsuite name="${xml(target)}" tests="${rows.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  if (report.problems.length > 0) {
    const cases = report.problems.map(
      (p, i) => `    <testcase classname="ksm-sync" name="problem ${i + 1}"><failure message="${xml(p)}"/></testcase>`,
    );
    suites.push(
      `  <testsuite name="run" tests="${cases.length}" failures="${cases.length}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ksm-sync ${xml(report.job)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
