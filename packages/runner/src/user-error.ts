// UserError: a failure the user can fix (bad input, missing setup), printed plainly with a distinct exit code.

/** Options of a `UserError`. */
export interface UserErrorOptions extends ErrorOptions {
  /** Process exit code; default 2 (usage). */
  readonly exitCode?: number;
  /** Stable string code (`ERR_…`) for scripts and tests. */
  readonly code?: string;
}

/**
 * A failure caused by input or environment, not by a bug: the runner prints its message without a stack.
 * Its message must say what happened and how to fix it, and never contain a secret.
 *
 * @example
 * throw new UserError('Missing --uid; pass the record UID to read', { exitCode: 2, code: 'ERR_USAGE' });
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode: number;
  readonly code: string;
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options);
    this.exitCode = options.exitCode ?? 2;
    this.code = options.code ?? 'ERR_USAGE';
  }
}

/**
 * True for a `UserError`, also across bundle copies (checked by name and shape, not `instanceof` alone).
 *
 * @example
 * if (isUserError(error)) process.exitCode = error.exitCode;
 */
export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof UserError ||
    (error instanceof Error && error.name === 'UserError' && typeof (error as UserError).exitCode === 'number')
  );
}
