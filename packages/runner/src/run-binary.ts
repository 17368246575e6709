// The one runner every binary uses: help and version, unknown options refused, errors mapped, EPIPE a normal end.
import { type CommandDef, renderUsage, runCommand } from 'citty';
import { type ErrorReportOptions, reportError } from './report-error.js';
import { commandPath, rejectUnknownOptions, wantsHelp } from './strict-args.js';

/** Options of `runMain`. */
export interface RunMainOptions extends ErrorReportOptions {
  /** Program name used as the message prefix (`ksm`, `lkru`, …). */
  readonly program: string;
  /** Turns a thrown value into the error to report (e.g. file-system failures into user errors); default as is. */
  readonly translateError?: ((error: unknown) => unknown) | undefined;
}

/** Options of `runBinary`. */
export interface RunBinaryOptions extends RunMainOptions {
  /** The citty root command. */
  readonly command: CommandDef;
  /** Printed by `--version`. */
  readonly version?: string | undefined;
  /** Arguments; default `process.argv.slice(2)`. */
  readonly argv?: readonly string[] | undefined;
}

/** A closed stdout or stderr (`cmd | head -1`) is a normal end: exit quietly instead of crashing on EPIPE. */
function endQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

/** Lets piped stdout and stderr drain, then exits with `code` (the only `process.exit` of a binary). */
async function exitAfterDrain(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
  process.exit(code);
}

/**
 * Runs `main` (resolving to an exit code; anything else means `process.exitCode`, default 0) and exits: errors are reported by `reportError`.
 * For binaries that parse their own arguments (such as `lkru`).
 *
 * @example
 * await runMain(() => runLkru(process.argv.slice(2)), { program: 'lkru', exitCodeFor });
 */
export async function runMain(main: () => Promise<unknown>, options: RunMainOptions): Promise<never> {
  endQuietlyOnBrokenPipe();
  let code: number;
  try {
    const result = await main();
    code = typeof result === 'number' ? result : Number(process.exitCode ?? 0);
  } catch (error) {
    code = reportError(options.program, options.translateError?.(error) ?? error, process.stderr, options);
  }
  return exitAfterDrain(code);
}

/**
 * Runs a citty command tree as a binary: `--help` (or `-h` where the command has no `-h` of its own, or no arguments) prints the usage of the command named,
 * `--version` prints the version, an option the command does not define is a usage error (exit 2), and errors are
 * reported by `reportError`.
 *
 * @example
 * await runBinary({ program: 'ksm', command: main, exitCodeFor: (code) => KSM_EXIT[code] });
 */
export async function runBinary(options: RunBinaryOptions): Promise<never> {
  const argv = [...(options.argv ?? process.argv.slice(2))];
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return runMain(async () => {
    if (options.version !== undefined && own.length === 1 && (own[0] === '--version' || own[0] === '-v')) {
      process.stdout.write(`${options.version}\n`);
      return 0;
    }
    if (own.length === 0 || (await wantsHelp(options.command, argv))) {
      const { command, parent } = await commandPath(options.command, own);
      process.stdout.write(`${await renderUsage(command, parent)}\n`);
      return 0;
    }
    await rejectUnknownOptions(options.command, argv, options.program);
    await runCommand(options.command, { rawArgs: argv });
    return undefined;
  }, options);
}
