// Traps the signals a CI runner sends (SIGINT, SIGTERM, SIGHUP) for the life of a block.
import { constants } from 'node:os';

/** The signals forwarded to the child or turned into a clean stop. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** An installed trap. */
export interface SignalTrap {
  /** Resolves with the first signal received. */
  readonly received: Promise<NodeJS.Signals>;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * Installs handlers that call `onSignal` for each forwarded signal (so the process does not die before cleanup).
 *
 * @example
 * const trap = trapSignals((signal) => child?.kill(signal));
 * try { … } finally { trap.dispose(); }
 */
export function trapSignals(onSignal: (signal: NodeJS.Signals) => void): SignalTrap {
  let resolveReceived: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  const handler = (signal: NodeJS.Signals): void => {
    resolveReceived(signal);
    onSignal(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, handler);
  return {
    received,
    dispose: () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, handler);
    },
  };
}

/**
 * The exit code of a process ended by `signal`: 128 + its number (SIGTERM → 143).
 *
 * @example
 * signalExitCode('SIGKILL'); // 137
 */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
