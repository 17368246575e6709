// Test support: servers a test started stop with the test process, even when it ends without calling stop().
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

const running = new Map<ChildProcess, boolean>();
let installed = false;

function stopAll(): void {
  for (const [child, group] of running) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    try {
      process.kill(group ? -child.pid : child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  running.clear();
}

function install(): void {
  installed = true;
  process.once('exit', stopAll);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(128 + constants.signals[signal]);
    });
  }
}

/**
 * Makes `child` (SIGTERM by its PID, or to its process group with `group` for a `detached` child that starts its
 * own children, as `wrangler dev` does) stop when this process exits or is told to stop, so a test run that is cut
 * short leaves no server behind. The child leaves the list when it exits.
 *
 * @example
 * const child = stopWithThisProcess(spawn('moto_server', args));
 */
export function stopWithThisProcess<T extends ChildProcess>(child: T, options: { group?: boolean } = {}): T {
  if (!installed) install();
  running.set(child, options.group === true);
  child.once('exit', () => running.delete(child));
  return child;
}
