// `ksm-sync run --every 15m --jitter 1m`: apply on an interval; SIGTERM/SIGINT stop new writes, let the current run end, then exit.
import { parseDuration } from './duration.js';
import { SYNC_EXIT } from './exit-codes.js';
import { runOnce } from './run-once.js';
import type { SharedOptions } from './shared-args.js';

/** Options of `runScheduler`. */
export interface SchedulerOptions extends SharedOptions {
  readonly every: string;
  readonly jitter?: string | undefined;
}

/**
 * Runs apply now and after every interval (plus up to `jitter`), until a signal. A failed run is reported and the
 * schedule continues; the exit code is that of the last run.
 *
 * @example
 * process.exitCode = await runScheduler({ ...readShared(args), every: '15m', jitter: '1m' });
 */
export async function runScheduler(options: SchedulerOptions): Promise<number> {
  const every = parseDuration(options.every, '--every');
  const jitter = options.jitter !== undefined ? parseDuration(options.jitter, '--jitter') : 0;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  let code: number = SYNC_EXIT.OK;
  try {
    while (!stop.signal.aborted) {
      try {
        code = await runOnce({ ...options, mode: 'apply', signal: stop.signal });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        process.stderr.write(
          `ksm-sync: run failed: ${typeof e.code === 'string' ? `${e.code}: ` : ''}${e.message ?? 'error'}\n`,
        );
        code = SYNC_EXIT.FAILED;
      }
      if (stop.signal.aborted) break;
      const delay = every + Math.random() * jitter;
      process.stderr.write(`ksm-sync: next run in ${Math.round(delay / 1000)} s\n`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        stop.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  return code;
}
