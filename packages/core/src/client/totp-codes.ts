// TOTP codes of a record: the first `oneTimeCode` field (standard fields first, then custom).
import type { RecordData } from '../record/types.js';
import { getTotpCode, type TotpCode } from '../totp/totp.js';

export type { TotpCode };

/**
 * The TOTP code of the record's first `oneTimeCode` (or `otp`) field at `unixSeconds`; null when the record has
 * none or its URI cannot yield a code.
 *
 * @example
 * const totp = await recordTotpCode(record.data, Date.now() / 1000); // { code: '123456', timeLeft: 12, period: 30 }
 */
export async function recordTotpCode(data: RecordData, unixSeconds: number): Promise<TotpCode | null> {
  const fields = [...data.fields, ...(data.custom ?? [])];
  const field = fields.find((f) => (f.type === 'oneTimeCode' || f.type === 'otp') && typeof f.value[0] === 'string');
  if (field === undefined) return null;
  return getTotpCode(field.value[0] as string, unixSeconds);
}
