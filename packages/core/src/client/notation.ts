// Keeper Notation through the client: a NotationRecordSource backed by get_secret (requestedRecords, then all).
import type { DecryptedFile } from '../keychain/record-types.js';
import { getNotationResults } from '../notation/get-notation-results.js';
import type { Notation } from '../notation/types.js';
import type { ClientCore } from './client-core.js';
import { downloadFile } from './files.js';
import { getSecrets } from './secrets.js';

/**
 * Evaluates a notation like the official `getNotationResults`: a UID-looking record is fetched with
 * `requestedRecords`, otherwise (or when nothing matched) every record is fetched and matched by title.
 *
 * @example
 * const [password] = await notationResults(core, 'keeper://Postgres/field/password');
 */
export function notationResults(
  core: ClientCore,
  notation: string | Notation,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<string[]> {
  const signal = options.signal;
  return getNotationResults<DecryptedFile>(
    {
      async getRecords(uids) {
        const result = await getSecrets(core, { signal, ...(uids === undefined ? {} : { uids }) });
        return result.records;
      },
      downloadFile: (_record, file) => downloadFile(core, file, { signal }),
    },
    notation,
  );
}
