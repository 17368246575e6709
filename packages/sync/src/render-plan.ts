// The human view of a plan: one aligned row per target and name, hashes shortened, a summary line.
import { shortHash } from './hash.js';
import type { PlanItem } from './plan-types.js';
import { summarize } from './plan-types.js';

const SIGN: Readonly<Record<PlanItem['action'], string>> = {
  create: '+',
  update: '~',
  delete: '-',
  unchanged: '=',
  conflict: '!',
  skipped: '?',
};

/**
 * Renders plan rows as a table for a terminal (no values: actions, names, short hashes, reasons).
 *
 * @example
 * process.stdout.write(renderPlanTable(plan.items));
 */
export function renderPlanTable(items: readonly PlanItem[]): string {
  const rows = items.map((item) => [
    `${SIGN[item.action]} ${item.action}${item.drift === true ? '*' : ''}`,
    item.target,
    item.name,
    shortHash(item.sourceHash),
    shortHash(item.destHash),
    item.reason ?? '',
  ]);
  const header = ['action', 'target', 'name', 'source', 'destination', 'note'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const counts = summarize(items);
  const summary = `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.unchanged} unchanged, ${counts.conflict} conflicts, ${counts.skipped} skipped`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${summary}${items.some((i) => i.drift === true) ? ' (* drift)' : ''}\n`;
}
