// A block kept open across several commands (the Jenkins library's body): open, exec…, close.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SecretInput } from '@ksmkit/redact';
import type { CredentialContext } from '../credentials/index.js';
import { StepError } from '../errors.js';
import type { WithKsmSpec } from '../spec/types.js';
import { Cleanup, type CleanupState } from './cleanup.js';
import { type BlockIo, execPrepared } from './exec-prepared.js';
import { prepareBlock } from './prepare.js';
import { trapSignals } from './signals.js';

const SESSION_FILE = 'session.json';

/** What a session directory holds (0600 file in a 0700 directory; removed by `closeSession`). */
interface SessionData {
  readonly env: Record<string, string>;
  readonly removeEnv: readonly string[];
  readonly masks: readonly SecretInput[];
  readonly cleanup: CleanupState;
}

/**
 * Opens a block in `dir` (created 0700, must not exist): prepares it like `ksm-step run` and records what to
 * clean up. On any failure or signal everything created so far, `dir` included, is removed.
 *
 * @example
 * await openSession('.ksm-step/42', spec, { workspace: '.', context });
 */
export async function openSession(
  dir: string,
  spec: WithKsmSpec,
  options: { workspace: string; context: CredentialContext; injectConfig?: boolean | undefined },
): Promise<void> {
  const cleanup = new Cleanup();
  const trap = trapSignals(() => cleanup.run());
  const path = resolve(dir);
  try {
    cleanup.dir(path);
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      cleanup.state.dirs.pop();
      throw new StepError(
        'ERR_SESSION',
        `Cannot create the session directory ${dir}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
    const preparing = prepareBlock(spec, { ...options, cleanup });
    preparing.catch(() => {}); // abandoned after a signal: its late failure is expected
    const block = await Promise.race([preparing, trap.received]);
    if (typeof block === 'string') throw new StepError('ERR_SESSION', `Stopped by ${block} while opening the block`);
    const file = join(path, SESSION_FILE);
    cleanup.file(file);
    const data: SessionData = {
      env: block.env,
      removeEnv: block.removeEnv,
      masks: block.masks,
      cleanup: cleanup.state,
    };
    writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
  } catch (error) {
    cleanup.run();
    throw error;
  } finally {
    trap.dispose();
  }
}

function loadSession(dir: string): SessionData {
  try {
    return JSON.parse(readFileSync(join(resolve(dir), SESSION_FILE), 'utf8')) as SessionData;
  } catch (error) {
    throw new StepError(
      'ERR_SESSION',
      `No open block in ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); run ksm-step open first`,
    );
  }
}

/**
 * Runs `command` inside the open block in `dir` (its env, masked output, signals forwarded).
 *
 * @example
 * const code = await execInSession('.ksm-step/42', ['sh', '-xe', 'script.sh'], io);
 */
export async function execInSession(dir: string, command: readonly string[], io: BlockIo): Promise<number> {
  const data = loadSession(dir);
  return execPrepared({ env: data.env, removeEnv: data.removeEnv, masks: data.masks, files: [] }, command, io);
}

/**
 * Closes the block in `dir`: removes its files, the directories it created, and the session itself.
 * Returns the paths that could not be removed. A missing session is not an error (already closed).
 *
 * @example
 * closeSession('.ksm-step/42');
 */
export function closeSession(dir: string): string[] {
  let data: SessionData;
  try {
    data = loadSession(dir);
  } catch {
    return [];
  }
  return new Cleanup(data.cleanup).run();
}
