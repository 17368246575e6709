// The current TOTP code of a fetched record, without a client or session (the lean counterpart of client.getTotpCode).
import type { RecordData } from '../record/types.js';
import { recordTotpCode, type TotpCode } from './totp-codes.js';

/**
 * The TOTP code of the record's first `oneTimeCode` field (standard fields first, then custom) at `unixSeconds`,
 * default now; null when the record has none or its URI cannot yield a code.
 *
 * @example
 * const [record] = await getSecretsByTitle(ksm, 'GitHub');
 * const totp = await getRecordTotpCode(record); // { code: '123456', timeLeft: 12, period: 30 }
 */
export function getRecordTotpCode(
  record: { readonly data: RecordData },
  unixSeconds: number = Date.now() / 1000,
): Promise<TotpCode | null> {
  return recordTotpCode(record.data, unixSeconds);
}
