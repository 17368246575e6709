// The up-front policy: which values are too short or blank to mask, reported by name (never by value).
import { RedactError } from './errors.js';
import type { RedactForm, RedactorOptions, RedactWarning, SecretInput } from './types.js';

const FORMS: readonly RedactForm[] = ['literal', 'lines', 'base64', 'base64url', 'percent', 'json', 'shell', 'xml'];

/** Options with defaults applied. */
export interface ResolvedOptions {
  readonly mask: string;
  readonly minLength: number;
  readonly onUnmaskable: 'warn' | 'error';
  readonly forms: Readonly<Partial<Record<RedactForm, boolean>>>;
}

/**
 * Applies defaults and checks options, throwing `ERR_INVALID_OPTIONS` with what was expected.
 *
 * @example
 * resolveOptions({ minLength: 6 }).mask; // '****'
 */
export function resolveOptions(options: RedactorOptions = {}): ResolvedOptions {
  const { mask = '****', minLength = 4, onUnmaskable = 'warn', forms = {} } = options;
  const bad = (what: string): never => {
    throw new RedactError('ERR_INVALID_OPTIONS', `Invalid redactor option: ${what}`);
  };
  if (typeof mask !== 'string') bad('`mask` must be a string, e.g. "****"');
  if (!Number.isInteger(minLength) || minLength < 1) bad('`minLength` must be an integer of at least 1, e.g. 4');
  if (onUnmaskable !== 'warn' && onUnmaskable !== 'error') bad('`onUnmaskable` must be "warn" or "error"');
  for (const key of Object.keys(forms)) {
    if (!FORMS.includes(key as RedactForm)) bad(`unknown form "${key}"; expected one of ${FORMS.join(', ')}`);
  }
  return { mask, minLength, onUnmaskable, forms };
}

/**
 * Splits secrets into those to mask and warnings for the rest (blank, or shorter than `minLength` code points).
 * With `onUnmaskable: 'error'` any warning throws one `RedactError` naming every such secret.
 *
 * @example
 * classify([{ name: 'PIN', value: '12' }], resolveOptions()).warnings[0].code; // 'ERR_SECRET_TOO_SHORT'
 */
export function classify(
  secrets: readonly SecretInput[],
  options: ResolvedOptions,
): { maskable: SecretInput[]; warnings: RedactWarning[] } {
  const maskable: SecretInput[] = [];
  const warnings: RedactWarning[] = [];
  for (const secret of secrets) {
    if (secret.value.trim() === '') {
      warnings.push({
        code: 'ERR_SECRET_BLANK',
        name: secret.name,
        message: `${secret.name}: the value is empty or whitespace only and is not masked`,
      });
    } else if ([...secret.value].length < options.minLength) {
      warnings.push({
        code: 'ERR_SECRET_TOO_SHORT',
        name: secret.name,
        message: `${secret.name}: the value is shorter than ${options.minLength} characters and is not masked`,
      });
    } else maskable.push(secret);
  }
  if (options.onUnmaskable === 'error' && warnings.length > 0) {
    const code = warnings.some((w) => w.code === 'ERR_SECRET_TOO_SHORT') ? 'ERR_SECRET_TOO_SHORT' : 'ERR_SECRET_BLANK';
    const names = warnings.map((w) => w.name).join(', ');
    throw new RedactError(code, `Cannot mask ${warnings.length} secret(s) (too short or blank): ${names}`, warnings);
  }
  return { maskable, warnings };
}
