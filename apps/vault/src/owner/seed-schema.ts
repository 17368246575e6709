// Seed file shape checks: plain objects with known keys only, each error naming its path in the file.
import { VaultError } from '../store/errors.js';

/** A value read from a seed file, with its location (`folders[0].records[1]`). */
export interface At<T = unknown> {
  readonly value: T;
  readonly path: string;
}

/**
 * A seed error: `ERR_INVALID_SEED` with the path inside the file in the message and in `details.path`.
 *
 * @example
 * throw seedError('apps[0].shares[1]', 'unknown folder "Prod"');
 */
export function seedError(path: string, message: string, cause?: unknown): VaultError {
  return new VaultError(
    'ERR_INVALID_SEED',
    `${path || 'seed file'}: ${message}`,
    { path },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Checks that `at.value` is an object with only `allowed` keys and returns it.
 *
 * @example
 * const folder = objectAt(at, ['name', 'records', 'folders']);
 */
export function objectAt(at: At, allowed: readonly string[]): Record<string, unknown> {
  const { value, path } = at;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw seedError(path, 'expected a mapping (object)');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw seedError(path, `unknown key "${key}" (allowed: ${allowed.join(', ')})`);
  }
  return value as Record<string, unknown>;
}

/**
 * The items of an optional list, each with its path (`[]` when absent).
 *
 * @example
 * for (const item of listAt(folder.records, `${path}.records`)) addRecord(item);
 */
export function listAt(value: unknown, path: string): At[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw seedError(path, 'expected a list');
  return value.map((item, index) => ({ value: item, path: `${path}[${index}]` }));
}

/**
 * A required non-empty string.
 *
 * @example
 * const name = stringAt(folder.name, `${path}.name`);
 */
export function stringAt(value: unknown, path: string): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw seedError(path, 'expected a non-empty string');
  return value;
}
