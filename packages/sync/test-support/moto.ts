// Test support: a real moto_server on a port it picks itself (`-p 0`, read back from its banner), stopped by PID.
import { spawn } from 'node:child_process';

/** A running moto_server. */
export interface Moto {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `moto_server -H 127.0.0.1 -p 0` and resolves once it printed the address it listens on.
 *
 * @example
 * const moto = await startMotoServer();
 * await moto.stop();
 */
export function startMotoServer(): Promise<Moto> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4000);
      const match = seen.match(/Running on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1] !== undefined && child.pid !== undefined) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ endpoint: match[1], pid: child.pid, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`moto_server exited (${code}) before listening: ${seen}`)));
  });
}
