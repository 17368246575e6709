// Plain-JSON KSM error responses (spec §4.3): parsing the body and turning it into a typed KsmError.
import { KsmError, type KsmErrorCode } from '../errors.js';

/** The fields of a §4.3 error body the client acts on. */
export interface ServerErrorBody {
  /** `result_code` when present, else `error` (several SDKs read them in that order). */
  readonly code: string | null;
  /** `error` alone, for `key` detection. */
  readonly error: string | null;
  readonly message: string | null;
  /** `key_id` of a `key` error. */
  readonly keyId: number | null;
  /** `retry_after` of a throttled error, in seconds (negative and unparseable become null). */
  readonly retryAfter: number | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/**
 * Parses a non-200 response body leniently; a body that is not a JSON object gives all-null fields.
 *
 * @example
 * parseServerError('{"error":"throttled","retry_after":"3"}').retryAfter // 3
 */
export function parseServerError(body: string): ServerErrorBody {
  let value: unknown = null;
  try {
    value = JSON.parse(body);
  } catch {
    value = null;
  }
  const json = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const error = text(json.error);
  const retryAfter = count(json.retry_after);
  return {
    code: text(json.result_code) ?? error,
    error,
    message: text(json.message),
    keyId: count(json.key_id),
    retryAfter: retryAfter === null ? null : Math.max(0, retryAfter),
  };
}

/**
 * True for the §4.5 throttle answer (403 only; a throttled body on another status is not retried).
 *
 * @example
 * isThrottled(403, parseServerError('{"error":"throttled"}')) // true
 */
export function isThrottled(status: number, body: ServerErrorBody): boolean {
  return status === 403 && (body.code === 'throttled' || body.error === 'throttled');
}

/**
 * The distinct access-denied results (HTTP 403 `access_denied` with a `result_code`), their codes, and what the
 * user should do. Shared wording with the local vault (issue 9 §3); Keeper's own codes keep Keeper's meaning.
 */
const ACCESS_DENIED: Readonly<Record<string, { code: KsmErrorCode; advice: string }>> = {
  invalid_client: {
    code: 'ERR_ACCESS_DENIED',
    advice: 'the server does not know this device; check the profile, or ask the owner for a new one-time token',
  },
  signature_invalid: {
    code: 'ERR_SIGNATURE_INVALID',
    advice: "the request signature did not verify; the config's privateKey does not belong to this device",
  },
  device_removed: {
    code: 'ERR_DEVICE_REMOVED',
    advice: 'this device was removed from the application; ask the owner for a new one-time token',
  },
  device_expired: {
    code: 'ERR_DEVICE_EXPIRED',
    advice: "this device's access expired; ask the owner for a new one-time token",
  },
  device_ip_locked: {
    code: 'ERR_IP_LOCKED',
    advice:
      'this device is locked to another IP address; ask the owner for a new one-time token created with --unlock-ip',
  },
  token_expired: { code: 'ERR_TOKEN_EXPIRED', advice: 'the one-time token expired; ask the owner for a new one' },
  token_used: {
    code: 'ERR_TOKEN_USED',
    advice: 'the one-time token was already used by another device; ask the owner for a new one',
  },
};

/** The access-denied entry for a 403 `access_denied` body with a known `result_code`, else undefined. */
function accessDenied(body: ServerErrorBody): { code: KsmErrorCode; advice: string } | undefined {
  if (body.error !== 'access_denied' || body.code === null) return undefined;
  return Object.hasOwn(ACCESS_DENIED, body.code) ? ACCESS_DENIED[body.code] : undefined;
}

/** Which KsmError code a server error maps to. A bare `access_denied` is refined by its (non-secret) message. */
function codeFor(status: number, body: ServerErrorBody): KsmErrorCode {
  const code = body.code ?? '';
  const message = (body.message ?? '').toLowerCase();
  const denied = accessDenied(body);
  if (denied !== undefined) return denied.code;
  if (code === 'throttled') return 'ERR_THROTTLED';
  if (code === 'invalid_client' || code === 'invalid_token') return 'ERR_TOKEN_REJECTED';
  if (code === 'access_denied' || body.error === 'access_denied') {
    if (message.includes('ip address') || message.includes('ip lock')) return 'ERR_IP_LOCKED';
    if (message.includes('expired')) return 'ERR_DEVICE_EXPIRED';
    return 'ERR_ACCESS_DENIED';
  }
  if (code === 'access_violation') return 'ERR_ACCESS_DENIED';
  if (code === 'not_found' || code.endsWith('_not_found')) return 'ERR_NOT_FOUND';
  if (code === 'invalid_revision') return 'ERR_REVISION_CONFLICT';
  if (code === '' && status === 404) return 'ERR_NOT_FOUND';
  return 'ERR_SERVER';
}

/**
 * The KsmError for a non-200 KSM response. `details` carry the HTTP status, the endpoint, the server's code
 * and its message (server text, never request data).
 *
 * @example
 * throw serverError('get_secret', 403, parseServerError(await response.text()));
 */
export function serverError(endpoint: string, status: number, body: ServerErrorBody): KsmError {
  const code = codeFor(status, body);
  const serverMessage = body.message === null ? null : body.message.slice(0, 300);
  const what = body.code === null ? `HTTP ${status}` : `${body.code} (HTTP ${status})`;
  const denied = accessDenied(body);
  // An unknown access_denied result keeps the server's own message (non-secret server text).
  const why = denied?.advice ?? (code === 'ERR_ACCESS_DENIED' ? serverMessage : null);
  const message = `The KSM server refused ${endpoint}: ${what}${why === null ? '' : `; ${why}`}`;
  return new KsmError(code, message, {
    status,
    endpoint,
    serverCode: body.code,
    serverMessage,
  });
}
