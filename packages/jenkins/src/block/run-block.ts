// `ksm-step run`: prepare the block, run the command masked, clean up after success, failure or a signal.
import type { CredentialContext } from '../credentials/index.js';
import type { WithKsmSpec } from '../spec/types.js';
import { Cleanup } from './cleanup.js';
import { type BlockIo, execPrepared } from './exec-prepared.js';
import { type PreparedBlock, prepareBlock } from './prepare.js';
import { signalExitCode, trapSignals } from './signals.js';

/** Options of `runBlock`. */
export interface RunBlockOptions extends BlockIo {
  readonly workspace: string;
  readonly context: CredentialContext;
  readonly command: readonly string[];
  readonly injectConfig?: boolean | undefined;
}

/**
 * Runs one `withKsm` block: validates, resolves and writes (cleanup registered before the first write), runs
 * `command` masked, then removes every file and directory it created, whatever happened. A signal during setup
 * stops it (cleanup, then 128+N); during the command it is forwarded. Resolves with the exit code to use.
 *
 * @example
 * process.exitCode = await runBlock(spec, { workspace: '.', context, command: ['make'], ...io });
 */
export async function runBlock(spec: WithKsmSpec, options: RunBlockOptions): Promise<number> {
  const cleanup = new Cleanup();
  const setupTrap = trapSignals(() => cleanup.run());
  try {
    const preparing = prepareBlock(spec, {
      workspace: options.workspace,
      context: options.context,
      cleanup,
      injectConfig: options.injectConfig,
    });
    // After a signal wins the race, the abandoned setup may still fail (its writes are refused): not an error.
    preparing.catch(() => {});
    const prepared = await Promise.race([preparing, setupTrap.received]);
    setupTrap.dispose();
    if (typeof prepared === 'string') return signalExitCode(prepared);
    return await execPrepared(prepared as PreparedBlock, options.command, options);
  } finally {
    setupTrap.dispose();
    const left = cleanup.run();
    for (const path of left) options.stderr.write(`ksm-step: warning: could not remove ${path}\n`);
  }
}
