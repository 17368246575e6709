// Logs to stderr only (stdout carries the stdio protocol), every line through the scrubber.
import type { Scrubber } from './scrubber.js';

/** Log levels, quietest last. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A minimal leveled logger. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A logger writing `ksmkit-mcp LEVEL message` lines to `write` (default: stderr), scrubbed.
 *
 * @example
 * const log = createLogger({ level: 'info', scrubber });
 * log.info('listening on 127.0.0.1:8787');
 */
export function createLogger(options: {
  readonly level: LogLevel;
  readonly scrubber: Scrubber;
  readonly write?: (line: string) => void;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const at =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string): void => {
      if (RANK[level] < RANK[options.level]) return;
      write(`ksmkit-mcp ${level} ${options.scrubber.scrub(message)}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
