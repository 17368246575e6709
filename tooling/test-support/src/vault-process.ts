// Test support: start a real ksmkit-vault process (init, seed, serve --port 0) for tests; stop it by PID.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopWithThisProcess } from './stop-with-process.js';
import { ensureVaultBuilt, vaultCliPath } from './vault-build.js';

export { ensureVaultBuilt, vaultCliPath, vaultPackageDir } from './vault-build.js';

/** Throttle limits passed to `serve`. */
export interface TestVaultThrottle {
  readonly requests: number;
  readonly windowSeconds: number;
}

/** Options of `startTestVault`. */
export interface StartTestVaultOptions {
  /** A seed document (object, written as JSON) or the path of a JSON/YAML seed file. */
  readonly seed?: string | Record<string, unknown>;
  readonly throttle?: TestVaultThrottle;
  /** Extra arguments for `serve` (e.g. `['--http']`). */
  readonly args?: readonly string[];
  /** Use this directory instead of a fresh temporary one (it is then not deleted on stop). */
  readonly dataDir?: string;
  /** Build apps/vault first when its dist is missing or stale (default true). */
  readonly build?: boolean;
  /** Extra environment variables for every spawned process. */
  readonly env?: Readonly<Record<string, string>>;
}

/** What `seed --json` printed: names/titles → UIDs. */
export interface TestVaultSeed {
  readonly folders: Record<string, string>;
  readonly records: Record<string, string>;
  readonly apps: Record<string, string>;
}

/** A failed admin command: its exit code and stderr (user errors carry a message, never a secret). */
export interface TestVaultCommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

/** A running vault. */
export interface TestVault {
  readonly dataDir: string;
  /** `host:port`, what devices use as `hostname`. */
  readonly hostname: string;
  readonly port: number;
  /** `https://127.0.0.1:PORT` (or http with `--http`). */
  readonly url: string;
  readonly caCertPath: string | null;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  /** PID of the `serve` process. */
  readonly pid: number;
  /** UIDs created by the seed (empty maps without a seed). */
  readonly seeded: TestVaultSeed;
  /** Runs `ksmkit-vault <args> --json --data-dir <dataDir>` and resolves with its parsed JSON output. */
  // biome-ignore lint/suspicious/noExplicitAny: CLI JSON output is untyped; tests index into it freely
  admin<T = any>(args: readonly string[], options?: { readonly input?: string }): Promise<T>;
  /** Stops the server (SIGTERM to its PID) and deletes the temporary data directory. */
  stop(): Promise<void>;
}

function commandError(args: readonly string[], code: number | null, stdout: string, stderr: string): Error {
  const error = new Error(`ksmkit-vault ${args[0] ?? ''} ${args[1] ?? ''} exited with ${code}: ${stderr.trim()}`);
  return Object.assign(error, { exitCode: code, stdout, stderr });
}

/**
 * Runs one `ksmkit-vault` command with `--json --data-dir` and resolves with its parsed JSON output.
 *
 * @example
 * const apps = await runVaultCli(['app', 'list'], dataDir);
 */
// biome-ignore lint/suspicious/noExplicitAny: CLI JSON output is untyped; tests index into it freely
export function runVaultCli<T = any>(
  args: readonly string[],
  dataDir: string,
  options: { readonly input?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<T> {
  const fullArgs = [...args, '--json', '--data-dir', dataDir];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [vaultCliPath(), ...fullArgs], {
      env: { ...process.env, ...(options.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(commandError(args, code, stdout, stderr));
      try {
        resolvePromise(stdout.trim() === '' ? null : JSON.parse(stdout));
      } catch {
        reject(commandError(args, code, stdout, `output is not JSON; ${stderr}`));
      }
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The `serve --json` line that says the server listens. */
interface ReadyEvent {
  readonly event: string;
  readonly hostname: string;
  readonly port: number;
  readonly url: string;
  readonly caCertPath: string | null;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
}

/**
 * Builds apps/vault if its dist is stale, creates a temporary data directory, runs `init` (and `seed`),
 * starts `serve --port 0 --json` and waits for its ready line. `stop()` sends SIGTERM to that PID only and removes the temporary directory.
 *
 * @example
 * const vault = await startTestVault({ throttle: { requests: 5, windowSeconds: 2 } });
 * try { const { token } = await vault.admin(['client', 'add', '--app', 'ci']); } finally { await vault.stop(); }
 */
export async function startTestVault(options: StartTestVaultOptions = {}): Promise<TestVault> {
  if (options.build !== false) ensureVaultBuilt();
  const ownDir = options.dataDir === undefined;
  const root = ownDir ? mkdtempSync(join(tmpdir(), 'ksmkit-test-vault-')) : undefined;
  const dataDir = options.dataDir ?? join(root as string, 'vault');
  const env = options.env ?? {};
  const cleanup = () => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  };
  try {
    await runVaultCli(['init', '--if-needed'], dataDir, { env });
    let seeded: TestVaultSeed = { folders: {}, records: {}, apps: {} };
    if (options.seed !== undefined) {
      let file: string | Record<string, unknown> = options.seed;
      if (typeof file !== 'string') {
        file = join(root ?? dataDir, 'seed.json');
        writeFileSync(file, JSON.stringify(options.seed), { mode: 0o600 });
      }
      seeded = await runVaultCli<TestVaultSeed>(['seed', file], dataDir, { env });
    }
    const serveArgs = ['serve', '--port', '0', '--json', '--data-dir', dataDir, ...(options.args ?? [])];
    if (options.throttle !== undefined) {
      serveArgs.push('--throttle-requests', String(options.throttle.requests));
      serveArgs.push('--throttle-window-seconds', String(options.throttle.windowSeconds));
    }
    const child = stopWithThisProcess(
      spawn(process.execPath, [vaultCliPath(), ...serveArgs], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolveExit) =>
      child.once('exit', (code, signal) => resolveExit({ code, signal })),
    );
    const ready = await new Promise<ReadyEvent>((resolveReady, reject) => {
      let buffer = '';
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const onData = (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
          if (!line.startsWith('{')) continue;
          const event = JSON.parse(line) as ReadyEvent;
          if (event.event === 'ready') {
            child.stdout.off('data', onData);
            child.stdout.resume();
            resolveReady(event);
            return;
          }
        }
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.once('error', reject);
      void exited.then(({ code, signal }) =>
        reject(new Error(`ksmkit-vault serve exited before it was ready (${code ?? signal}): ${stderr.trim()}`)),
      );
    });
    let stopping: Promise<void> | undefined;
    return {
      dataDir,
      hostname: ready.hostname,
      port: ready.port,
      url: ready.url,
      caCertPath: ready.caCertPath,
      serverPublicKey: ready.serverPublicKey,
      serverPublicKeyId: ready.serverPublicKeyId,
      pid: child.pid as number,
      seeded,
      admin: (args, adminOptions = {}) => runVaultCli(args, dataDir, { env, ...adminOptions }),
      stop() {
        stopping ??= (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
          cleanup();
        })();
        return stopping;
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
