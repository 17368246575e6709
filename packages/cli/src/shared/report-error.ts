// Turns any thrown value into a stderr message and an exit code: user errors plainly, bugs with a stack.
import { isConfigError } from '@ksmkit/config';
import { EXIT, type ExitCode } from './exit-codes.js';
import { UserError } from './user-error.js';

const CONFIG_EXIT: Readonly<Record<string, ExitCode>> = {
  ERR_DBUS_NO_SESSION: EXIT.DBUS_NO_SESSION,
  ERR_DBUS_UNAVAILABLE: EXIT.DBUS_UNAVAILABLE,
  ERR_KEYRING_NOT_FOUND: EXIT.KEYRING_NOT_FOUND,
  ERR_KEYRING_SECRET_NOT_FOUND: EXIT.KEYRING_SECRET_NOT_FOUND,
  ERR_AWS_UNREACHABLE: EXIT.AWS,
  ERR_AWS_SECRET_NOT_FOUND: EXIT.AWS,
  ERR_AWS_FAILED: EXIT.AWS,
  ERR_PROFILE_NOT_FOUND: EXIT.CONFIG,
};

/** True for errors with a string `code` property (core/config errors), whose messages carry no secrets. */
function codedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Writes `error` to `stderr` prefixed with `program` and returns the exit code to use. ConfigError/core errors and
 * UserError print their message only; anything else is a bug and prints its stack with "please report".
 *
 * @example
 * process.exitCode = reportError('ksm', err, process.stderr);
 */
export function reportError(program: string, error: unknown, stderr: { write(text: string): unknown }): ExitCode {
  if (error instanceof UserError) {
    stderr.write(`${program}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'CLIError') {
    stderr.write(`${program}: ${error.message} (run with --help for usage)\n`);
    return EXIT.USAGE;
  }
  if (isConfigError(error)) {
    stderr.write(`${program}: ${error.message}\n`);
    return CONFIG_EXIT[error.code] ?? EXIT.CONFIG;
  }
  if (codedError(error) && error.code.startsWith('ERR_')) {
    stderr.write(`${program}: ${error.message}\n`);
    if (error.code.includes('NOT_FOUND')) return EXIT.NOT_FOUND;
    return /CONFIG|TOKEN/.test(error.code) ? EXIT.CONFIG : EXIT.SERVER;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`${program}: unexpected error (a bug; please report it with the steps that led here)\n${detail}\n`);
  return EXIT.BUG;
}
