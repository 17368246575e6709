// Test and bench support (Node): start `wrangler dev` on loopback for a test or benchmark, and stop it by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '@ksmkit/test-support/net';
import { stopWithThisProcess } from '@ksmkit/test-support/stop-with-process';

const require = createRequire(import.meta.url);

/** Path of the wrangler CLI this package pins. */
export const wranglerBin = join(dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js');

/** A running `wrangler dev`. */
export interface WranglerDev {
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  /** Everything wrangler printed so far (audit lines included). */
  logs(): string;
  /** Stops wrangler and its workerd (SIGTERM to the process group it leads). */
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev ARGS` (local mode, 127.0.0.1, free ports) in `cwd` and resolves once `ready(base)` is true.
 *
 * @example
 * const dev = await startWranglerDev(['--env-file', vars], packageDir, async (b) => (await fetch(`${b}/v1/health`)).ok);
 */
export async function startWranglerDev(
  args: readonly string[],
  cwd: string,
  ready: (base: string) => Promise<boolean>,
): Promise<WranglerDev> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const inspector = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [wranglerBin, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector)].concat([
      '--show-interactive-dev-session=false',
      ...args,
    ]),
    {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' },
    },
  );
  stopWithThisProcess(child, { group: true });
  let logs = '';
  const collect = (chunk: Buffer) => {
    logs += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  };
  for (let i = 0; i < 240; i++) {
    if (await ready(base).catch(() => false)) return { base, logs: () => logs, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`wrangler dev did not start: ${logs.slice(-1500)}`);
}
