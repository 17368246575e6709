// Child processes of the demo: started with a line reader, stopped by PID when the demo ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const started: ChildProcess[] = [];
const stoppers: (() => Promise<void>)[] = [];

/** The built binary `file` of workspace package `name` (`@ksmkit/vault`, `dist/cli/main.js`). */
export function binaryOf(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

/** Starts `node BINARY ARGS` and resolves with the first line (stdout or stderr) `isReady` accepts; stderr is shown. */
export async function startNode(
  binary: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; isReady: (line: string) => boolean },
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [binary, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  started.push(child);
  child.stderr?.pipe(process.stderr);
  const line = await new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (text) => {
        if (options.isReady(text)) resolve(text);
      });
    }
    child.once('exit', (code) => reject(new Error(`${binary} exited (${code}) before it was ready`)));
  });
  return { child, line };
}

/** Registers `stop` (a part started by a helper of its own, such as `wrangler dev`) to run in `stopAll`. */
export function stopLater(stop: () => Promise<void>): void {
  stoppers.push(stop);
}

/** Stops every part this demo started (SIGTERM by PID) and waits for them to exit. */
export async function stopAll(): Promise<void> {
  await Promise.all(stoppers.map((stop) => stop()));
  await Promise.all(
    started.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}
