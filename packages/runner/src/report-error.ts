// Turns any thrown value into one stderr message and an exit code: user errors plainly, bugs with a stack.
import { isUserError } from './user-error.js';

/** Exit code for usage errors (bad flags or arguments), as every binary uses it. */
export const EXIT_USAGE = 2;

/** How a binary maps coded errors (`ERR_…` from core, config, its own package) to exit codes. */
export interface ErrorReportOptions {
  /** Exit code for a coded error; `undefined` falls back to `codedExitCode`. */
  readonly exitCodeFor?: ((code: string) => number | undefined) | undefined;
  /** Exit code for coded errors without a specific one; default 1. */
  readonly codedExitCode?: number | undefined;
  /** Exit code for bugs; default 1 (the vault uses 70, EX_SOFTWARE). */
  readonly bugExitCode?: number | undefined;
}

/** True for errors with a string `ERR_…` code (core, config and package errors), whose messages carry no secrets. */
function isCodedError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_');
}

/** citty's own argument errors (`E_UNKNOWN_COMMAND`, `EARG`, …). */
function isArgumentError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    (error.name === 'CLIError' || /^EARG|^E_/.test(String((error as { code?: unknown }).code)))
  );
}

/**
 * Writes `error` to `stderr` prefixed with `program` and returns the exit code.
 *
 * @example
 * process.exitCode = reportError('ksm', error, process.stderr, { exitCodeFor: (code) => CODES[code] });
 */
export function reportError(
  program: string,
  error: unknown,
  stderr: { write(text: string): unknown },
  options: ErrorReportOptions = {},
): number {
  if (isUserError(error)) {
    stderr.write(`${program}: ${error.message}\n`);
    return error.exitCode;
  }
  if (isArgumentError(error)) {
    stderr.write(`${program}: ${error.message} (run with --help for usage)\n`);
    return EXIT_USAGE;
  }
  if (isCodedError(error)) {
    stderr.write(`${program}: ${error.message}\n`);
    return options.exitCodeFor?.(error.code) ?? options.codedExitCode ?? 1;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`${program}: unexpected error (a bug; please report it with the steps that led here)\n${detail}\n`);
  return options.bugExitCode ?? 1;
}
