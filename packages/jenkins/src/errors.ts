// The one error class of @ksmkit/jenkins: a stable `code`, messages in the plugin's `Keeper Secrets Manager: ` form.

/** Prefix of every message about a `withKsm` block, as Keeper's Jenkins plugin prints it. */
export const ERROR_PREFIX = 'Keeper Secrets Manager: ';

/** Every error code this package throws. */
export type StepErrorCode =
  | 'ERR_SPEC_SYNTAX'
  | 'ERR_SPEC_INVALID'
  | 'ERR_SPEC_READ'
  | 'ERR_CREDENTIAL_NOT_FOUND'
  | 'ERR_CREDENTIAL_INVALID'
  | 'ERR_CREDENTIAL_EXISTS'
  | 'ERR_RECORD_COUNT'
  | 'ERR_RESOLVE'
  | 'ERR_FILE_WRITE'
  | 'ERR_SESSION'
  | 'ERR_COMMAND_NOT_FOUND'
  | 'ERR_ACTION_INPUT';

/** Where a problem was found: `application[0].secrets[1]`, a spec line and column, a credential id. */
export interface StepErrorDetails {
  readonly problems?: readonly string[];
  readonly line?: number;
  readonly column?: number;
  readonly credentialsId?: string;
  readonly searched?: readonly string[];
}

/**
 * A user-facing error of `ksm-step`, the Groovy library or the action. Messages never hold a secret value.
 *
 * @example
 * throw new StepError('ERR_SPEC_INVALID', 'The notation is missing or blank.', { problems: ['…'] });
 */
export class StepError extends Error {
  readonly code: StepErrorCode;
  readonly details: StepErrorDetails;

  constructor(code: StepErrorCode, message: string, details: StepErrorDetails = {}, options?: ErrorOptions) {
    super(message.startsWith(ERROR_PREFIX) ? message : `${ERROR_PREFIX}${message}`, options);
    this.name = 'StepError';
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `error` is a `StepError` (with `code` when given).
 *
 * @example
 * if (isStepError(error, 'ERR_SPEC_INVALID')) console.error(error.details.problems);
 */
export function isStepError(error: unknown, code?: StepErrorCode): error is StepError {
  return error instanceof StepError && (code === undefined || error.code === code);
}
