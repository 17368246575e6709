// Keeper Notation through a session: get_secret by UID (then all records, by title) and file downloads.
import type { Notation } from '../notation/types.js';
import { notationResults } from './notation.js';
import { type KsmSession, sessionCore } from './session.js';

/**
 * Resolves a notation with the official `getNotationResults` semantics: a UID-looking record is fetched with
 * `requestedRecords`, otherwise (or when nothing matched) every record is fetched and matched by title. Files
 * are downloaded and returned base64url-encoded. (The root `getNotationResults` works over a record source
 * you supply.)
 *
 * @example
 * const [password] = await resolveNotation(ksm, 'keeper://Postgres/field/password');
 */
export function resolveNotation(
  session: KsmSession,
  notation: string | Notation,
  options?: { readonly signal?: AbortSignal | undefined },
): Promise<string[]> {
  return notationResults(sessionCore(session), notation, options);
}
