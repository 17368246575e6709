// Scoped access to records and notation values: the one policy every mode (HTTP, inject, RPC) goes through.
import { evaluateNotation, isKsmError, isUid, type Notation, parseNotation, type RecordView } from '@ksmkit/core';
import { type AuditRecord, noteRecord } from './audit.js';
import { loadRecord, type RecordSourceContext } from './cache/record-source.js';
import type { CachedRecord } from './cached-record.js';
import { EdgeError } from './errors.js';
import { allowsNotation, allowsPart, mayTouchRecord, type ScopeRule } from './scope.js';

/** One resolved notation. */
export interface Resolved {
  readonly notation: string;
  readonly recordUid: string;
  readonly values: string[];
  /** The record's `edge_allowed_hosts` custom field values (inject mode), empty when absent. */
  readonly allowedHosts: readonly string[];
}

/** Per-request memo so a record read several times is loaded once. */
export type RecordMemo = Map<string, Promise<CachedRecord | null>>;

function denied(index: number): EdgeError {
  return new EdgeError('ERR_SCOPE_DENIED', 403, 'The caller token does not allow this notation', { index });
}

/**
 * Parses a notation that must name its record by UID (titles would need every record, and scopes are by UID).
 *
 * @example
 * const n = parseUidNotation('keeper://76Ohu96GJYJrvVR51zdrzQ/field/password', 0);
 */
export function parseUidNotation(text: unknown, index: number): Notation {
  if (typeof text !== 'string') {
    throw new EdgeError(
      'ERR_INVALID_NOTATION',
      400,
      'Each notation must be a string like keeper://UID/field/password',
      { index },
    );
  }
  let notation: Notation;
  try {
    notation = parseNotation(text);
  } catch {
    throw new EdgeError('ERR_INVALID_NOTATION', 400, 'Malformed notation; expected keeper://UID/field/password', {
      index,
    });
  }
  if (!isUid(notation.record)) {
    throw new EdgeError('ERR_NOTATION_NEEDS_UID', 400, 'Notations must name the record by UID, not by title', {
      index,
    });
  }
  if (notation.selector === 'file') {
    throw new EdgeError('ERR_UNSUPPORTED_NOTATION', 400, 'File notations are not served by the edge proxy', { index });
  }
  return notation;
}

async function scopedRecord(
  rc: RecordSourceContext,
  memo: RecordMemo,
  audit: AuditRecord,
  rules: readonly ScopeRule[],
  uid: string,
  index: number,
): Promise<CachedRecord> {
  const byUid = mayTouchRecord(rules, uid);
  // Without a rule on this UID only a folder rule can allow it, and that needs the record's place.
  if (!byUid && rules.length === 0) throw denied(index);
  let load = memo.get(uid);
  if (load === undefined) {
    load = loadRecord(rc, uid).then(({ record, cache }) => {
      noteRecord(audit, uid, cache);
      return record;
    });
    memo.set(uid, load);
  }
  const record = await load;
  if (record === null) {
    if (!byUid) throw denied(index); // do not reveal whether a record outside the scope exists
    throw new EdgeError('ERR_RECORD_NOT_FOUND', 404, 'No record with this UID is shared with the application', {
      recordUid: uid,
    });
  }
  if (!mayTouchRecord(rules, uid, record)) throw denied(index);
  return record;
}

function hostsOf(record: CachedRecord): string[] {
  const field = record.data.custom?.find((f) => f.label === 'edge_allowed_hosts');
  const values = (field?.value ?? []) as unknown[];
  return values
    .flatMap((value) => (typeof value === 'string' ? value.split(/[\s,]+/) : []))
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host.length > 0);
}

/**
 * Resolves notations for a caller: every one must be allowed, or the whole call fails (403, nothing returned).
 *
 * @example
 * const [db] = await resolveNotations(rc, rules, ['keeper://UID/field/password'], audit);
 */
export async function resolveNotations(
  rc: RecordSourceContext,
  rules: readonly ScopeRule[],
  notations: readonly unknown[],
  audit: AuditRecord,
  memo: RecordMemo = new Map(),
): Promise<Resolved[]> {
  const parsed = notations.map((text, index) => parseUidNotation(text, index));
  return Promise.all(
    parsed.map(async (notation, index) => {
      const record = await scopedRecord(rc, memo, audit, rules, notation.record, index);
      if (!allowsNotation(rules, notation, record)) throw denied(index);
      const field = notation.parameter === undefined ? notation.selector : `${notation.selector}/${notation.parameter}`;
      if (!audit.fields.includes(field)) audit.fields.push(field);
      let values: string[];
      try {
        values = evaluateNotation([record as unknown as RecordView], notation);
      } catch (error) {
        const ksmCode = isKsmError(error) ? error.code : 'unknown';
        throw new EdgeError('ERR_NOTATION_NO_MATCH', 404, 'The notation matched nothing in the record', {
          index,
          ksmCode,
        });
      }
      return {
        notation: notations[index] as string,
        recordUid: record.recordUid,
        values,
        allowedHosts: hostsOf(record),
      };
    }),
  );
}

/** A record with only the parts the caller may see. */
export interface FilteredRecord {
  readonly recordUid: string;
  readonly type: string;
  readonly title: string;
  readonly notes?: string;
  readonly fields: readonly { type: string; label?: string; value: unknown[] }[];
  readonly custom: readonly { type: string; label?: string; value: unknown[] }[];
}

/**
 * The record `uid` with only the fields the caller's scopes allow.
 *
 * @example
 * const record = await filteredRecord(rc, rules, uid, audit);
 */
export async function filteredRecord(
  rc: RecordSourceContext,
  rules: readonly ScopeRule[],
  uid: string,
  audit: AuditRecord,
): Promise<FilteredRecord> {
  if (!isUid(uid))
    throw new EdgeError('ERR_INVALID_REQUEST', 400, 'The path must end in a record UID (22 base64url characters)');
  const record = await scopedRecord(rc, new Map(), audit, rules, uid, 0);
  const keep = (selector: string, field: { type: string; label?: string }) => {
    const name = selector === 'custom_field' ? (field.label ?? field.type) : field.type;
    const allowed = allowsPart(rules, record, selector, name);
    if (allowed) audit.fields.push(`${selector}/${name}`);
    return allowed;
  };
  const data = record.data;
  const notes = allowsPart(rules, record, 'notes') ? data.notes : undefined;
  return {
    recordUid: record.recordUid,
    type: data.type,
    title: data.title,
    ...(notes === undefined ? {} : { notes }),
    fields: (data.fields ?? []).filter((f) => keep('field', f)) as FilteredRecord['fields'],
    custom: (data.custom ?? []).filter((f) => keep('custom_field', f)) as FilteredRecord['custom'],
  };
}
