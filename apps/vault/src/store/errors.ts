// The one base error of @ksmkit/vault: a stable string code, structured non-secret details, never a secret.

/** Every failure the vault's store, owner and CLI layers report, as a stable string (server errors may add more). */
export type VaultErrorCode =
  | 'ERR_NOT_INITIALIZED'
  | 'ERR_ALREADY_INITIALIZED'
  | 'ERR_SCHEMA_TOO_NEW'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_NOT_FOUND'
  | 'ERR_AMBIGUOUS'
  | 'ERR_CONFLICT'
  | 'ERR_INVALID_SEED'
  | 'ERR_INVALID_FILE'
  | 'ERR_SERVER_START'
  | 'ERR_DATA_DIR_LOCKED'
  | 'ERR_DATA_DIR_ACCESS'
  | 'ERR_KEY_FILE_MODE'
  | 'ERR_RECORD_UNREADABLE'
  | (string & {});

/** Structured, non-secret facts about a failure (names and UIDs the user typed, paths, counts). */
export type VaultErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The base error of @ksmkit/vault. Switch on `code`; facts live in `details`, never a secret in the message.
 * `userError` marks failures the user can fix (the CLI prints the message and exits with `exitCode`).
 *
 * @example
 * throw new VaultError('ERR_NOT_FOUND', 'No application named "ci"; run `ksmkit-vault app list`', { app: 'ci' });
 */
export class VaultError extends Error {
  override readonly name: string = 'VaultError';
  readonly code: VaultErrorCode;
  readonly details: VaultErrorDetails;

  constructor(code: VaultErrorCode, message: string, details: VaultErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `error` is a VaultError, optionally with the given code.
 *
 * @example
 * if (isVaultError(err, 'ERR_NOT_INITIALIZED')) console.error(err.message);
 */
export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}
