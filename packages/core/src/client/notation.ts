// Keeper Notation through a session: a NotationRecordSource backed by get_secret (requestedRecords, then all).
import type { DecryptedFile } from '../keychain/record-types.js';
import { getNotationResults } from '../notation/get-notation-results.js';
import type { Notation } from '../notation/types.js';
import { downloadFile } from './files.js';
import { getSecrets } from './secrets.js';
import type { KsmSession } from './session.js';

/**
 * Resolves a notation with the official `getNotationResults` semantics: a UID-looking record is fetched with
 * `requestedRecords`, otherwise (or when nothing matched) every record is fetched and matched by title. Files
 * are downloaded and returned base64url-encoded. (The root `getNotationResults` works over a record source
 * you supply; `client.getNotationResults` is this function bound to the client's session.)
 *
 * @example
 * const [password] = await resolveNotation(ksm, 'keeper://Postgres/field/password');
 */
export function resolveNotation(
  session: KsmSession,
  notation: string | Notation,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<string[]> {
  const signal = options.signal;
  return getNotationResults<DecryptedFile>(
    {
      async getRecords(uids) {
        const result = await getSecrets(session, { signal, ...(uids === undefined ? {} : { uids }) });
        return result.records;
      },
      downloadFile: (_record, file) => downloadFile(session, file, { signal }),
    },
    notation,
  );
}
