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

/** Which KsmError code a server error maps to. `access_denied` is refined by its (non-secret) message. */
function codeFor(status: number, body: ServerErrorBody): KsmErrorCode {
  const code = body.code ?? '';
  const message = (body.message ?? '').toLowerCase();
  if (code === 'throttled') return 'ERR_THROTTLED';
  if (code === 'invalid_client' || code === 'invalid_token') return 'ERR_TOKEN_REJECTED';
  if (code === 'access_denied') {
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
  return new KsmError(code, `The KSM server refused ${endpoint}: ${what}`, {
    status,
    endpoint,
    serverCode: body.code,
    serverMessage,
  });
}
