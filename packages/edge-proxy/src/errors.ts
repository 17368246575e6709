// The edge proxy's one error class: a stable code and the HTTP status it maps to; never a secret in the message.

/** Every code the proxy returns in `{ error: { code } }`. */
export type EdgeErrorCode =
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_REVOKED'
  | 'ERR_SCOPE_DENIED'
  | 'ERR_INVALID_JSON'
  | 'ERR_INVALID_REQUEST'
  | 'ERR_INVALID_NOTATION'
  | 'ERR_NOTATION_NEEDS_UID'
  | 'ERR_NOTATION_NO_MATCH'
  | 'ERR_UNSUPPORTED_NOTATION'
  | 'ERR_RECORD_NOT_FOUND'
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_DESTINATION_DENIED'
  | 'ERR_REDIRECT_DENIED'
  | 'ERR_RATE_LIMITED'
  | 'ERR_UPSTREAM_THROTTLED'
  | 'ERR_UPSTREAM_UNAVAILABLE'
  | 'ERR_UPSTREAM_REJECTED'
  | 'ERR_DESTINATION_FAILED'
  | 'ERR_NOT_CONFIGURED'
  | 'ERR_NOT_FOUND'
  | 'ERR_INTERNAL';

/** Structured, value-free details (record UIDs, field names, hosts, indexes). */
export type EdgeErrorDetails = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/**
 * An error the proxy turns into a JSON response `{ error: { code, message, details } }` with `status`.
 *
 * @example
 * throw new EdgeError('ERR_SCOPE_DENIED', 403, 'The token does not allow this notation', { index: 0 });
 */
export class EdgeError extends Error {
  readonly code: EdgeErrorCode;
  readonly status: number;
  readonly details: EdgeErrorDetails;
  /** Seconds, sent as `Retry-After` (429 and 503). */
  readonly retryAfter: number | undefined;

  constructor(
    code: EdgeErrorCode,
    status: number,
    message: string,
    details: EdgeErrorDetails = {},
    options: ErrorOptions & { retryAfter?: number } = {},
  ) {
    super(message, options);
    this.name = 'EdgeError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.retryAfter = options.retryAfter;
  }
}

/**
 * True when `error` is an `EdgeError` (optionally with `code`).
 *
 * @example
 * if (isEdgeError(error, 'ERR_RATE_LIMITED')) console.log(error.retryAfter);
 */
export function isEdgeError(error: unknown, code?: EdgeErrorCode): error is EdgeError {
  return error instanceof EdgeError && (code === undefined || error.code === code);
}
