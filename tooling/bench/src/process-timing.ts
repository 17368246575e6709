// Timing of one-shot `node` processes (cold starts): wall time from spawn to exit, and the median of samples.
import { spawn } from 'node:child_process';

/**
 * Wall time of one spawned `node` process, from spawn to exit; rejects when it exits non-zero.
 *
 * @example
 * const ms = await timeProcess(['-e', ''], process.env);
 */
export function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - t0;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`bench: ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/**
 * The median of samples (NaN for none).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
