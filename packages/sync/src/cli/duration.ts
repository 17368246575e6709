// Durations on the command line: `90s`, `15m`, `1h30m`, `2h`.
import { UserError } from '@ksmkit/runner';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a duration such as `15m` or `1h30m`; a usage error otherwise.
 *
 * @example
 * parseDuration('1h30m'); // 5_400_000
 */
export function parseDuration(text: string, flag: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw new UserError(`${flag} must be a duration such as 90s, 15m or 1h30m`, { code: 'ERR_USAGE' });
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNITS[unit ?? 's'] ?? 0), 0);
}
