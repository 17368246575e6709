// Title and notes of a RecordData: lenient reads, and changes that return a new record.
import { KsmError } from '../errors.js';
import type { RecordData } from './types.js';

/**
 * The record title (`''` if a lenient read found none).
 *
 * @example
 * getRecordTitle(data) // 'My Login'
 */
export function getRecordTitle(data: RecordData): string {
  return typeof data.title === 'string' ? data.title : '';
}

/**
 * The record notes, or `undefined` when the record has none.
 *
 * @example
 * getRecordNotes(data) // 'free text'
 */
export function getRecordNotes(data: RecordData): string | undefined {
  return typeof data.notes === 'string' ? data.notes : undefined;
}

/**
 * Returns a new RecordData with another title. Throws `ERR_INVALID_RECORD` for a non-string title.
 *
 * @example
 * const renamed = setRecordTitle(data, 'Production DB')
 */
export function setRecordTitle(data: RecordData, title: string): RecordData {
  if (typeof title !== 'string') {
    throw new KsmError('ERR_INVALID_RECORD', 'Record title must be a string', { reason: 'invalid-title' });
  }
  return { ...data, title };
}

/**
 * Returns a new RecordData with other notes; `undefined` removes them.
 *
 * @example
 * const annotated = setRecordNotes(data, 'rotated monthly')
 */
export function setRecordNotes(data: RecordData, notes: string | undefined): RecordData {
  if (notes !== undefined && typeof notes !== 'string') {
    throw new KsmError('ERR_INVALID_RECORD', 'Record notes must be a string', { reason: 'invalid-notes' });
  }
  const { notes: _previous, ...rest } = data;
  return notes === undefined ? (rest as RecordData) : { ...data, notes };
}
