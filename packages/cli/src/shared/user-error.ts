// UserError: a failure the user can fix, with a message saying what to do and a distinct exit code.
import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * A failure caused by input or environment, not by a bug: printed without a stack.
 *
 * @example
 * throw new UserError('Missing --uid; pass the record UID to read', EXIT.USAGE);
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.USAGE, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
