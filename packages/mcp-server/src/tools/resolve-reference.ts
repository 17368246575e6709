// Resolves a keeper:// reference to exactly one value inside the folder scope, for use without reveal.
import { type DecryptedRecord, evaluateNotation, parseNotation } from '@ksmkit/core';
import { McpServerError } from '../errors.js';
import type { CallNote, ToolContext } from '../tool-kit.js';

/** A resolved reference: the record it came from and its single value. */
export interface ResolvedReference {
  readonly record: DecryptedRecord;
  readonly value: string;
}

/**
 * Resolves `notation` against the scoped records; it must select exactly one value and not a file.
 * The record UID is added to the call's audit note.
 *
 * @example
 * const { value } = await resolveReference(ctx, note, 'keeper://UID/field/password');
 */
export async function resolveReference(ctx: ToolContext, note: CallNote, notation: string): Promise<ResolvedReference> {
  const parsed = parseNotation(notation);
  if (parsed.selector === 'file') {
    throw new McpServerError('ERR_INVALID_INPUT', 'File notations cannot be used here; reference a field.');
  }
  const { records } = await ctx.view.snapshot(note.signal);
  const values = evaluateNotation(records, parsed);
  const record =
    records.find((r) => r.recordUid === parsed.record) ?? records.find((r) => r.data.title === parsed.record);
  if (record === undefined) throw new McpServerError('ERR_NOT_FOUND', 'No record matches a reference.');
  if (values.length !== 1 || values[0] === undefined) {
    throw new McpServerError(
      'ERR_INVALID_INPUT',
      'A reference must select exactly one value (add an index, e.g. [0]).',
    );
  }
  note.records = [...new Set([...(note.records ?? []), record.recordUid])];
  note.fields = [...(note.fields ?? []), parsed.parameter ?? parsed.selector];
  return { record, value: values[0] };
}
