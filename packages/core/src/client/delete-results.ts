// The per-item results of delete_secret and delete_folder (spec §5.6, §5.7).

/** One deleted (or not deleted) item. `responseCode` is `ok` on success; UIDs missing from the reply are `not_found`. */
export interface DeleteResult {
  readonly uid: string;
  readonly responseCode: string;
  readonly errorMessage: string | null;
}

/**
 * Reads `json[list]` entries keyed by `uidKey`, in the order of `requested` (internal).
 *
 * @example
 * deleteResults({ records: [{ recordUid: 'a', responseCode: 'ok' }] }, 'records', 'recordUid', ['a'])
 */
export function deleteResults(
  json: unknown,
  list: string,
  uidKey: string,
  requested: readonly string[],
): DeleteResult[] {
  const entries = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[list] : null;
  const byUid = new Map<string, DeleteResult>();
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) continue;
      const e = entry as Record<string, unknown>;
      const uid = e[uidKey];
      if (typeof uid !== 'string') continue;
      byUid.set(uid, {
        uid,
        responseCode: typeof e.responseCode === 'string' ? e.responseCode : 'unknown',
        errorMessage: typeof e.errorMessage === 'string' ? e.errorMessage : null,
      });
    }
  }
  return requested.map((uid) => byUid.get(uid) ?? { uid, responseCode: 'not_found', errorMessage: null });
}
