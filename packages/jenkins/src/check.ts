// `ksm-step check`: resolves a whole spec and describes each secret (kind, length class), never a value.
import { findCredential } from './credentials/index.js';
import type { CredentialContext } from './credentials/locations.js';
import { resolveApplication } from './resolve/resolve-application.js';
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

/**
 * Validates and resolves `spec` without writing anything; throws the same errors `run` would.
 *
 * @example
 * for (const s of await checkSpec(spec, context)) console.log(s.target, s.kind, s.length);
 */
export async function checkSpec(spec: WithKsmSpec, context: CredentialContext): Promise<CheckedSecret[]> {
  const apps = validateSpec(spec);
  const out: CheckedSecret[] = [];
  for (const app of apps) {
    const { client } = await findCredential(app.credentialsId, context);
    for (const item of await resolveApplication(client, app)) {
      const { where, destination, target } = item.secret;
      out.push({ where, destination, target, kind: item.kind, length: lengthClass(item.bytes.length) });
    }
  }
  return out;
}
