// RFC 6238 time-based one-time passwords over otpauth URIs, computed with WebCrypto HMAC (spec §3.6, §3.8.4).
import { isKsmError, KsmError } from '../errors.js';
import { type OtpAuthParameters, parseOtpAuthUri, type TotpAlgorithm } from './otpauth-uri.js';

/** A TOTP code and how long it stays valid. */
export interface TotpCode {
  readonly code: string;
  /** Seconds until the code changes. */
  readonly timeLeft: number;
  readonly period: number;
}

const HASH: Record<TotpAlgorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

/**
 * The TOTP code of an `otpauth://` URI at `unixSeconds` (default: now), or `null` when the URI cannot yield
 * one — not a URL or not `otpauth:`, empty or non-base32 secret, unknown algorithm (e.g. MD5, SHA1024), or
 * (unlike the official SDK, which returns "NaN" codes or throws there) negative/unparseable digits or period
 * and more than 10 digits. Matches the official JS SDK's `getTotpCode` otherwise, including its defaults
 * (SHA1, 6 digits, 30 s; `0` means default). Unlike the SDK, `unixSeconds = 0` means the epoch, not "now".
 *
 * @example
 * await getTotpCode('otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8', 59)
 * // { code: '94287082', timeLeft: 1, period: 30 }
 */
export async function getTotpCode(uri: string, unixSeconds?: number): Promise<TotpCode | null> {
  let parameters: OtpAuthParameters;
  try {
    parameters = parseOtpAuthUri(uri);
  } catch (error) {
    if (isKsmError(error, 'ERR_INVALID_OTP_URI')) return null;
    throw error;
  }
  return computeTotp(parameters, unixSeconds);
}

/**
 * Computes the TOTP code of already-parsed parameters at `unixSeconds` (default: now; fractions allowed).
 * Throws `ERR_INVALID_INPUT` for a non-finite time, an empty secret, digits outside 1–10 or a period below 1.
 *
 * @example
 * const parameters = parseOtpAuthUri(uri)
 * const { code, timeLeft } = await computeTotp(parameters, 1111111109)
 */
export async function computeTotp(
  parameters: Pick<OtpAuthParameters, 'secret' | 'algorithm' | 'digits' | 'period'>,
  unixSeconds: number = Math.floor(Date.now() / 1000),
): Promise<TotpCode> {
  const { secret, algorithm, digits, period } = parameters;
  if (!Number.isFinite(unixSeconds)) throw invalidInput('time must be a finite number of seconds', 'time');
  if (!(secret.length > 0)) throw invalidInput('secret must not be empty', 'secret');
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 10)) throw invalidInput('digits must be 1-10', 'digits');
  if (!(Number.isSafeInteger(period) && period >= 1)) throw invalidInput('period must be a positive integer', 'period');
  const hash = HASH[algorithm];
  if (hash === undefined) throw invalidInput('algorithm must be SHA1, SHA256 or SHA512', 'algorithm');

  // The moving factor: an 8-byte big-endian counter (wrapping modulo 2^64, as the SDK's setBigInt64 does).
  const counter = new Uint8Array(8);
  const steps = BigInt(Math.floor(unixSeconds / period));
  new DataView(counter.buffer).setBigUint64(0, BigInt.asUintN(64, steps));

  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash }, false, ['sign']);
  const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter));

  // RFC 4226 dynamic truncation to 31 bits, then the low `digits` decimal digits.
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const binary = new DataView(digest.buffer, digest.byteOffset + offset, 4).getUint32(0) & 0x7fffffff;
  const code = String(binary % 10 ** digits).padStart(digits, '0');

  const elapsed = Math.floor(unixSeconds % period);
  return { code, timeLeft: period - elapsed, period };
}

function invalidInput(problem: string, parameter: string): KsmError {
  return new KsmError('ERR_INVALID_INPUT', `TOTP ${problem}`, { parameter });
}
