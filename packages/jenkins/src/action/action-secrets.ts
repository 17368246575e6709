// The action's `secrets` input: `NOTATION > env:NAME | file:PATH | OUTPUT_NAME`, one per line, split at the last `>`.
import { parseNotation } from '@ksmkit/core';
import { StepError } from '../errors.js';
import type { ValidSecret } from '../spec/types.js';

/** Where an action secret goes. */
export type ActionDestination = 'env' | 'file' | 'output';

/** One parsed line. */
export interface ActionSecret extends ValidSecret {
  readonly kind: ActionDestination;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Parses the `secrets` input like Keeper's ksm-action: a `file` notation always goes to a file (the destination
 * is its path); `env:` and `file:` prefixes pick the kind, anything else names a step output. Blank lines and
 * `#` comments are skipped. Every problem is reported together (`ERR_ACTION_INPUT`).
 *
 * @example
 * parseActionSecrets('UID/field/password > env:DB_PASSWORD');
 */
export function parseActionSecrets(input: string): ActionSecret[] {
  const problems: string[] = [];
  const out: ActionSecret[] = [];
  const seen = new Set<string>();
  input.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `secrets line ${i + 1}`;
    const at = line.lastIndexOf('>');
    if (at === -1) {
      problems.push(`${where}: expected NOTATION > env:NAME, NOTATION > file:PATH or NOTATION > OUTPUT_NAME`);
      return;
    }
    const notation = line.slice(0, at).trim();
    const dest = line.slice(at + 1).trim();
    let parsed: ReturnType<typeof parseNotation>;
    try {
      parsed = parseNotation(notation, { legacy: true });
    } catch (error) {
      problems.push(`${where}: Could not parse the notation ${JSON.stringify(notation)}: ${(error as Error).message}`);
      return;
    }
    const isFile = parsed.selector === 'file';
    let kind: ActionDestination = 'output';
    let target = dest;
    if (dest.startsWith('env:')) [kind, target] = ['env', dest.slice(4).trim()];
    else if (dest.startsWith('file:')) [kind, target] = ['file', dest.slice(5).trim()];
    if (isFile) kind = 'file';
    if (target === '') problems.push(`${where}: the destination is missing or blank`);
    else if (kind !== 'file' && !NAME.test(target))
      problems.push(`${where}: ${JSON.stringify(target)} is not a valid name`);
    else if (seen.has(`${kind}:${target}`)) problems.push(`${where}: duplicate destination ${kind}:${target}`);
    else {
      seen.add(`${kind}:${target}`);
      out.push({
        where,
        kind,
        destination: kind === 'file' ? 'file' : 'env',
        target,
        notation,
        format: 'raw',
        record: parsed.record,
        isFile,
      });
    }
  });
  if (problems.length > 0)
    throw new StepError(
      'ERR_ACTION_INPUT',
      `The secrets input has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        problems,
      },
    );
  if (out.length === 0)
    throw new StepError('ERR_ACTION_INPUT', 'The secrets input is empty; give one NOTATION > DESTINATION per line');
  return out;
}
