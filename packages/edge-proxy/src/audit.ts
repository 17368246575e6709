// One structured audit line per request: who, which records and fields, mode, decision, cache, latency. Never a value.
import type { CacheStatus } from './cache/record-source.js';

/** The audit facts a request collects while it runs. */
export interface AuditRecord {
  caller: string | null;
  mode: 'resolve' | 'record' | 'forward' | 'health' | 'revoke' | 'rpc' | 'other';
  records: string[];
  fields: string[];
  cache: CacheStatus | null;
  decision: 'allow' | 'deny' | 'error';
  code: string | null;
  destination: string | null;
}

/**
 * A fresh audit record for a request.
 *
 * @example
 * const audit = newAudit();
 */
export function newAudit(): AuditRecord {
  return {
    caller: null,
    mode: 'other',
    records: [],
    fields: [],
    cache: null,
    decision: 'allow',
    code: null,
    destination: null,
  };
}

const RANK: Record<CacheStatus, number> = { hit: 0, refresh: 1, miss: 2, stale: 3 };

/**
 * Notes that a record was read (and how it was served) in the audit record.
 *
 * @example
 * noteRecord(audit, uid, 'hit', 'field/password');
 */
export function noteRecord(audit: AuditRecord, uid: string, cache: CacheStatus, field?: string): void {
  if (!audit.records.includes(uid)) audit.records.push(uid);
  if (field !== undefined && !audit.fields.includes(field)) audit.fields.push(field);
  if (audit.cache === null || RANK[cache] > RANK[audit.cache]) audit.cache = cache;
}

/**
 * Writes the audit line (JSON on stdout: Workers Logs / `wrangler tail` collect it).
 *
 * @example
 * writeAudit(audit, { method: 'POST', path: '/v1/resolve', status: 200, ms: 1.2 });
 */
export function writeAudit(
  audit: AuditRecord,
  request: { method: string; path: string; status: number; ms: number },
): void {
  console.log(JSON.stringify({ type: 'ksmkit-edge.audit', ts: new Date().toISOString(), ...request, ...audit }));
}
