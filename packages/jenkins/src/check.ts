// `ksm-step check`: resolves a whole spec and describes each secret (kind, length class), never a value.
import { findCredential } from './credentials/index.js';
import type { CredentialContext } from './credentials/locations.js';
import { StepError } from './errors.js';
import { resolveApplicationParts } from './resolve/resolve-application.js';
import type { WithKsmSpec } from './spec/types.js';
import { validateSpec } from './spec/validate.js';

/** One line of a check report. */
export interface CheckedSecret {
  readonly where: string;
  readonly destination: 'env' | 'file';
  readonly target: string;
  readonly kind: string;
  /** `empty`, `short (<4, not maskable)`, `4-15`, `16-63`, `64-1023`, `1024+` (bytes). */
  readonly length: string;
}

/**
 * A coarse length class: enough to spot an empty or unmaskable value, too coarse to leak anything.
 *
 * @example
 * lengthClass(20); // '16-63'
 */
export function lengthClass(bytes: number): string {
  if (bytes === 0) return 'empty';
  if (bytes < 4) return 'short (<4, not maskable)';
  if (bytes < 16) return '4-15';
  if (bytes < 64) return '16-63';
  if (bytes < 1024) return '64-1023';
  return '1024+';
}

/** What `checkSpec` found: the secrets that resolve and one message per secret (or application) that does not. */
export interface CheckReport {
  readonly ok: CheckedSecret[];
  readonly problems: string[];
}

/**
 * Validates and resolves `spec` without writing anything. Spec and credential errors throw as in `run`; secrets
 * that do not resolve are listed in `problems` next to those that do.
 *
 * @example
 * const { ok, problems } = await checkSpec(spec, context);
 */
export async function checkSpec(spec: WithKsmSpec, context: CredentialContext): Promise<CheckReport> {
  const apps = validateSpec(spec);
  const ok: CheckedSecret[] = [];
  const problems: string[] = [];
  for (const [i, app] of apps.entries()) {
    const { client } = await findCredential(app.credentialsId, context);
    try {
      const parts = await resolveApplicationParts(client, app);
      problems.push(...parts.problems);
      for (const item of parts.resolved) {
        const { where, destination, target } = item.secret;
        ok.push({ where, destination, target, kind: item.kind, length: lengthClass(item.bytes.length) });
      }
    } catch (error) {
      if (!(error instanceof StepError) || error.code !== 'ERR_RECORD_COUNT') throw error;
      problems.push(`application[${i}]: ${error.message}`);
    }
  }
  return { ok, problems };
}
