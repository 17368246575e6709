// Test helpers: run a function and get the KsmError with the expected code it threw.
import { isKsmError, type KsmError, type KsmErrorCode } from '../errors.js';

/**
 * The KsmError with `code` that `fn` throws, or undefined when it returns; any other error is rethrown.
 *
 * @example
 * expect(ksmErrorOf(() => parseRecordData('[]'), 'ERR_INVALID_RECORD')?.details.reason).toBe('not-object');
 */
export function ksmErrorOf(fn: () => unknown, code: KsmErrorCode): KsmError | undefined {
  try {
    fn();
  } catch (error) {
    if (isKsmError(error, code)) return error;
    throw error;
  }
  return undefined;
}

/**
 * Like {@link ksmErrorOf}, but a function that returns normally fails the test.
 *
 * @example
 * expect(expectKsmError(() => buildRecord(bad), 'ERR_INVALID_RECORD').details.fieldType).toBe('phone');
 */
export function expectKsmError(fn: () => unknown, code: KsmErrorCode): KsmError {
  const error = ksmErrorOf(fn, code);
  if (error === undefined) throw new Error(`expected ${code}`);
  return error;
}

/**
 * The KsmError with `code` that `promise` rejects with; fulfilment or any other error fails the test.
 *
 * @example
 * const error = await rejection(readDeviceConfig(storage), 'ERR_CONFIG_NOT_INITIALIZED');
 */
export async function rejection(promise: Promise<unknown>, code: KsmErrorCode): Promise<KsmError> {
  try {
    await promise;
  } catch (error) {
    if (isKsmError(error, code)) return error;
    throw error;
  }
  throw new Error(`expected ${code}`);
}
