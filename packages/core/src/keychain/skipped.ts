// The report of items a key-chain pass could not open: skipped and listed, never thrown (spec §8.2).
import { isKsmError, type KsmErrorCode } from '../errors.js';

/** One item left out of a decrypted result, with non-secret facts only. */
export interface SkippedItem {
  readonly kind: 'appKey' | 'appData' | 'folder' | 'record' | 'file';
  /** UID of the item (null when the entry had none). */
  readonly uid: string | null;
  /** Folder of a skipped record, record of a skipped file, parent of a skipped sub-folder. */
  readonly parentUid: string | null;
  readonly code: KsmErrorCode;
}

/**
 * The error code to report for a failure while opening an item (internal).
 *
 * @example
 * skipped.push({ kind: 'record', uid, parentUid: null, code: skipCode(error) });
 */
export function skipCode(error: unknown): KsmErrorCode {
  if (isKsmError(error)) return error.code;
  if (error instanceof SyntaxError) return 'ERR_INVALID_RECORD';
  return 'ERR_DECRYPT_FAILED';
}
