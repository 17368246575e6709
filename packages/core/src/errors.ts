// The one error type of @ksmkit/core: a stable string code, structured details, never a secret in the message.

/** Every failure @ksmkit/core reports, as a stable string. */
export type KsmErrorCode =
  | 'ERR_INVALID_INPUT'
  | 'ERR_INVALID_BASE64'
  | 'ERR_INVALID_UID'
  | 'ERR_INVALID_KEY'
  | 'ERR_INVALID_PKCS8'
  | 'ERR_INVALID_TOKEN'
  | 'ERR_DECRYPT_FAILED'
  | 'ERR_INVALID_RECORD'
  | 'ERR_INVALID_OTP_URI'
  | 'ERR_NOTATION_SYNTAX'
  | 'ERR_NOTATION_RECORD_NOT_FOUND'
  | 'ERR_NOTATION_MULTIPLE_RECORDS'
  | 'ERR_NOTATION_FIELD_NOT_FOUND'
  | 'ERR_NOTATION_MULTIPLE_FIELDS'
  | 'ERR_NOTATION_INDEX_OUT_OF_BOUNDS'
  | 'ERR_NOTATION_PROPERTY_NOT_FOUND'
  | 'ERR_NOTATION_FILE_NOT_FOUND'
  | 'ERR_NOTATION_MULTIPLE_FILES'
  | 'ERR_INVALID_PASSWORD_OPTIONS'
  | 'ERR_INVALID_CONFIG'
  | 'ERR_CONFIG_NOT_INITIALIZED'
  | 'ERR_CONFIG_CONFLICT'
  | 'ERR_INVALID_HOSTNAME'
  | 'ERR_UNKNOWN_SERVER_KEY'
  | 'ERR_ACCESS_DENIED'
  | 'ERR_TOKEN_REJECTED'
  | 'ERR_IP_LOCKED'
  | 'ERR_DEVICE_EXPIRED'
  | 'ERR_DEVICE_REMOVED'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_USED'
  | 'ERR_APP_KEY_INVALID'
  | 'ERR_THROTTLED'
  | 'ERR_NETWORK'
  | 'ERR_TLS'
  | 'ERR_TIMEOUT'
  | 'ERR_SERVER'
  | 'ERR_SERVER_KEY_REJECTED'
  | 'ERR_NOT_FOUND'
  | 'ERR_REVISION_CONFLICT'
  | 'ERR_UPLOAD_FAILED';

/** Structured, non-secret facts about a failure (positions, counts, names a user typed). */
export type KsmErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The base error of @ksmkit/core. Switch on `code`; read facts from `details`, not from the message.
 *
 * @example
 * try { parseNotation('keeper://x') } catch (e) { if (isKsmError(e, 'ERR_NOTATION_SYNTAX')) console.log(e.details.position) }
 */
export class KsmError extends Error {
  override readonly name = 'KsmError';
  readonly code: KsmErrorCode;
  readonly details: KsmErrorDetails;

  constructor(code: KsmErrorCode, message: string, details: KsmErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is a KsmError, optionally with the given code. */
export function isKsmError(error: unknown, code?: KsmErrorCode): error is KsmError {
  return error instanceof KsmError && (code === undefined || error.code === code);
}
