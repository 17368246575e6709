// Test support: run the built `ksm` in an isolated home, and the self-hosted `profile init` arguments of a test vault.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestVault } from '@ksmkit/test-support';

const KSM = fileURLToPath(new URL('../../dist/ksm/main.js', import.meta.url));

/** What one `ksm` run gave. */
export interface KsmRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how to run `ksm`: `dir` is HOME and KSM_INI_DIR, and the working directory unless `cwd` is given. */
export interface KsmRunOptions {
  readonly dir: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly input?: string;
}

/**
 * Runs the built `ksm` with only PATH from this environment, and resolves with its exit code and output.
 *
 * @example
 * const run = await runKsm(['secret', 'list', '--json'], { dir });
 */
export function runKsm(args: readonly string[], options: KsmRunOptions): Promise<KsmRun> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: options.dir, KSM_INI_DIR: options.dir, ...options.env };
    const child = execFile(
      process.execPath,
      [KSM, ...args],
      { cwd: options.cwd ?? options.dir, env },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * `profile init` arguments for a profile `name` of the self-hosted test `vault` (its host, server key and CA);
 * the one-time token goes in `KSM_CLI_TOKEN`, never in argv.
 *
 * @example
 * await runKsm(selfHostedInitArgs(vault, 'main'), { dir, env: { KSM_CLI_TOKEN: token } });
 */
export function selfHostedInitArgs(vault: TestVault, name: string): string[] {
  if (vault.caCertPath === null) throw new Error('the test vault has no CA certificate');
  return [
    'profile',
    'init',
    '-h',
    vault.hostname,
    '--server-public-key',
    vault.serverPublicKey,
    '--server-public-key-id',
    String(vault.serverPublicKeyId),
    '--ca-cert',
    vault.caCertPath,
    '-p',
    name,
  ];
}
