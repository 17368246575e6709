// Parsing `otpauth://` URIs exactly as Keeper's JS SDK reads them for TOTP (spec §3.6).
import { isKsmError, KsmError } from '../errors.js';
import { base32Decode } from './base32.js';

/** HMAC hash of a TOTP code. */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** What an `otpauth://` URI says. */
export interface OtpAuthParameters {
  /** The URI's host, lower-cased: `totp` (or `hotp`, which Keeper's SDK also reads as TOTP). */
  readonly type: string;
  /** The decoded label (path), e.g. `ACME:alice@example.com`. */
  readonly label: string;
  /** The `issuer` parameter, else the label's prefix before `:`. */
  readonly issuer?: string;
  /** The label after the issuer prefix. */
  readonly account: string;
  /** The HMAC key, decoded the way the official JS SDK does (see `base32Decode`'s `keepPartialByte`). */
  readonly secret: Uint8Array<ArrayBuffer>;
  readonly algorithm: TotpAlgorithm;
  /** Code length, 1–10 (default 6; `0` means default). */
  readonly digits: number;
  /** Time step in seconds, ≥ 1 (default 30; `0` means default). */
  readonly period: number;
}

const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'] satisfies TotpAlgorithm[];
/** RFC 4226 truncation yields 31 bits, i.e. at most 10 significant digits. */
const MAX_DIGITS = 10;

/**
 * Parses an `otpauth://` URI with the official JS SDK's rules: `secret` is required (base32, any case,
 * padding optional), `algorithm` is SHA1 (default, also when empty), SHA256 or SHA512 in any case, and
 * `digits`/`period` are read like JavaScript's `parseInt` with `0`, empty or non-numeric meaning the
 * default. Throws `ERR_INVALID_OTP_URI` with a `reason` (never the URI or the secret).
 * Unlike the SDK, negative or unparseable digits/periods and more than 10 digits are rejected rather than
 * producing "NaN" codes or exceptions.
 *
 * @example
 * parseOtpAuthUri('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME').digits // 6
 */
export function parseOtpAuthUri(uri: string): OtpAuthParameters {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw invalid('invalid-url', 'is not a valid URL');
  }
  if (url.protocol !== 'otpauth:') throw invalid('not-otpauth', 'does not use the otpauth: scheme');
  const params = url.searchParams;

  const secretText = param(params, 'secret');
  if (secretText === '') throw invalid('missing-secret', 'has no secret');
  const algorithm = (param(params, 'algorithm') || 'SHA1').toUpperCase();
  if (!ALGORITHMS.includes(algorithm)) throw invalid('unsupported-algorithm', 'names an unsupported algorithm');
  const digits = integerParam(params, 'digits', 6);
  if (!(digits >= 1 && digits <= MAX_DIGITS)) throw invalid('invalid-digits', 'has digits outside 1-10');
  const period = integerParam(params, 'period', 30);
  if (!(period >= 1)) throw invalid('invalid-period', 'has a period below 1 second');

  let secret: Uint8Array<ArrayBuffer>;
  try {
    secret = base32Decode(secretText, { keepPartialByte: true });
  } catch (error) {
    if (!isKsmError(error, 'ERR_INVALID_INPUT')) throw error;
    throw invalid('invalid-secret', 'has a secret that is not base32');
  }
  if (secret.length === 0) throw invalid('invalid-secret', 'has a secret that is only padding');

  const label = decodeLabel(url.pathname);
  const colon = label.indexOf(':');
  const issuer = param(params, 'issuer') || (colon > 0 ? label.slice(0, colon) : '');
  return {
    type: url.hostname.toLowerCase(),
    label,
    ...(issuer ? { issuer } : {}),
    account: colon >= 0 ? label.slice(colon + 1).trim() : label,
    secret,
    algorithm: algorithm as TotpAlgorithm,
    digits,
    period,
  };
}

function param(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').trim();
}

/**
 * The SDK's reading: empty or `Number(text)` NaN → default; otherwise `parseInt(text)` (which honours a
 * `0x` prefix and stops at the first non-digit); a result of 0 → default. May return NaN or a negative.
 */
function integerParam(params: URLSearchParams, name: string, fallback: number): number {
  const text = param(params, name);
  if (text === '' || Number.isNaN(Number(text))) return fallback;
  const hex = /^[+-]?0x/i.test(text);
  const value = Number.parseInt(text, hex ? 16 : 10);
  return value === 0 ? fallback : value;
}

function decodeLabel(pathname: string): string {
  const raw = pathname.startsWith('/') ? pathname.slice(1) : pathname;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function invalid(reason: string, problem: string): KsmError {
  return new KsmError('ERR_INVALID_OTP_URI', `The otpauth URI ${problem}`, { reason });
}
