// The one error type of @ksmkit/redact: a stable string code, names only, never a secret value.
import type { RedactWarning } from './types.js';

/** Every failure @ksmkit/redact reports, as a stable string. */
export type RedactErrorCode = 'ERR_SECRET_TOO_SHORT' | 'ERR_SECRET_BLANK' | 'ERR_INVALID_OPTIONS';

/**
 * The base error of @ksmkit/redact. `warnings` lists every unmaskable secret (by name) when the policy is `error`.
 *
 * @example
 * try { createRedactor([{ name: 'PIN', value: '12' }], { onUnmaskable: 'error' }) }
 * catch (e) { if (e instanceof RedactError) console.error(e.code, e.warnings.map((w) => w.name)) }
 */
export class RedactError extends Error {
  override readonly name = 'RedactError';
  readonly code: RedactErrorCode;
  readonly warnings: readonly RedactWarning[];

  constructor(code: RedactErrorCode, message: string, warnings: readonly RedactWarning[] = [], options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.warnings = warnings;
  }
}
