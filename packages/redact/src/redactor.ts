// createRedactor: compiles secrets and all their forms into one automaton, and counts what its sessions mask.
import { buildAutomaton, type Pattern } from './automaton.js';
import { patternsOf } from './forms/derive.js';
import { classify, type ResolvedOptions, resolveOptions } from './policy.js';
import { createSession } from './session.js';
import type { Redactor, RedactorOptions, SecretInput } from './types.js';

function build(
  secrets: readonly SecretInput[],
  options: ResolvedOptions,
  carried: ReadonlyMap<string, number>,
): Redactor {
  const { maskable, warnings } = classify(secrets, options);
  const names: string[] = [];
  const seen = new Set<string>();
  const patterns: Pattern[] = [];
  for (const { name, value } of maskable) {
    if (seen.has(value)) continue;
    seen.add(value);
    const label = names.push(name) - 1;
    for (const text of patternsOf(value, options.forms, options.minLength)) patterns.push({ text, label });
  }
  const automaton = buildAutomaton(patterns);
  const counts = new Map(carried);
  const context = {
    automaton,
    mask: options.mask,
    count: (label: number) => {
      const name = names[label]!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  };
  return {
    redact: (text) => {
      const session = createSession(context);
      return session.write(text) + session.flush();
    },
    stream: () => createSession(context),
    warnings,
    counts: () => new Map(counts),
    summary: () => {
      const masked = [...counts].filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]);
      const total = masked.reduce((sum, [, n]) => sum + n, 0);
      const list = masked.map(([name, n]) => `${name} ×${n}`).join(', ');
      const skipped = warnings.map((w) => `${w.name} (${w.code === 'ERR_SECRET_BLANK' ? 'blank' : 'too short'})`);
      return (
        `ksm: masked ${total} occurrence(s) of ${masked.length} secret(s)${list === '' ? '' : `: ${list}`}` +
        (skipped.length === 0 ? '' : `; not masked: ${skipped.join(', ')}`)
      );
    },
    with: (more) => build([...secrets, ...more], options, counts),
    size: names.length,
  };
}

/**
 * Compiles secrets into a redactor. Each value is masked as its literal, each line of a multi-line value, base64
 * (standard and URL alphabet, inside longer base64 too), percent-, JSON-, shell- and XML-escaped forms; overlapping
 * matches merge and the longest wins. Blank or too-short values are reported in `warnings` (or throw, per policy).
 *
 * @example
 * const redactor = createRedactor([{ name: 'DB_PASSWORD', value: 'hunter2!' }]);
 * redactor.redact('login with hunter2!'); // 'login with ****'
 * redactor.summary(); // 'ksm: masked 1 occurrence(s) of 1 secret(s): DB_PASSWORD ×1'
 */
export function createRedactor(secrets: readonly SecretInput[], options?: RedactorOptions): Redactor {
  return build([...secrets], resolveOptions(options), new Map());
}
