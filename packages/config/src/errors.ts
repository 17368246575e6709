// The one error type of @ksmkit/config: a stable string code, structured details, never a secret in the message.

/** Every failure @ksmkit/config reports, as a stable string. */
export type ConfigErrorCode =
  | 'ERR_INI_SYNTAX'
  | 'ERR_INI_NOT_FOUND'
  | 'ERR_PROFILE_NOT_FOUND'
  | 'ERR_PROFILE_RESERVED'
  | 'ERR_PROFILE_EXTERNAL'
  | 'ERR_PROFILE_EXISTS'
  | 'ERR_NO_ACTIVE_PROFILE'
  | 'ERR_NO_CONFIG'
  | 'ERR_NO_TOKEN'
  | 'ERR_READ_ONLY'
  | 'ERR_FILE_IO'
  | 'ERR_CONFIG_FILE_INVALID'
  | 'ERR_AWS_UNREACHABLE'
  | 'ERR_AWS_SECRET_NOT_FOUND'
  | 'ERR_AWS_FAILED'
  | 'ERR_DBUS_NO_SESSION'
  | 'ERR_DBUS_UNAVAILABLE'
  | 'ERR_KEYRING_NOT_FOUND'
  | 'ERR_KEYRING_SECRET_NOT_FOUND'
  | 'ERR_KEYRING_LOCKED'
  | 'ERR_KEYRING_FAILED';

/** Structured, non-secret facts about a failure (paths, profile names, line numbers). */
export type ConfigErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The base error of @ksmkit/config. Switch on `code`; read facts from `details`, not from the message.
 *
 * @example
 * try { await loadKeeperIni(path) } catch (e) { if (isConfigError(e, 'ERR_INI_SYNTAX')) console.error(e.details.line) }
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  readonly details: ConfigErrorDetails;

  constructor(code: ConfigErrorCode, message: string, details: ConfigErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `error` is a ConfigError, optionally with the given code.
 *
 * @example
 * if (isConfigError(err, 'ERR_PROFILE_NOT_FOUND')) console.error(`no profile ${err.details.profile}`);
 */
export function isConfigError(error: unknown, code?: ConfigErrorCode): error is ConfigError {
  return error instanceof ConfigError && (code === undefined || error.code === code);
}
