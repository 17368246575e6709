// The current TOTP code of a fetched record: its first `oneTimeCode` field (standard fields first, then custom).
import type { RecordData } from '../record/types.js';
import { getTotpCode, type TotpCode } from '../totp/totp.js';

/**
 * The TOTP code of the record's first `oneTimeCode` (or `otp`) field at `unixSeconds`, default now; null when the
 * record has none or its URI cannot yield a code. Needs no session (`client.getTotpCode` is this function on the
 * client's clock; `getTotpCode` from the root takes an `otpauth://` URI).
 *
 * @example
 * const [record] = await getSecretsByTitle(ksm, 'GitHub');
 * const totp = await getRecordTotpCode(record); // { code: '123456', timeLeft: 12, period: 30 }
 */
export async function getRecordTotpCode(
  record: { readonly data: RecordData },
  unixSeconds: number = Date.now() / 1000,
): Promise<TotpCode | null> {
  const fields = [...record.data.fields, ...(record.data.custom ?? [])];
  const field = fields.find((f) => (f.type === 'oneTimeCode' || f.type === 'otp') && typeof f.value[0] === 'string');
  if (field === undefined) return null;
  return getTotpCode(field.value[0] as string, unixSeconds);
}
