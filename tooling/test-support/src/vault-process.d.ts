// Types of the vault-process test support: a real ksmkit-vault process for tests.

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

/**
 * Builds apps/vault (tsdown) when its dist is missing or older than its sources; safe across parallel workers.
 *
 * @example
 * ensureVaultBuilt();
 */
export declare function ensureVaultBuilt(): void;

/** Absolute path of the built ksmkit-vault CLI this helper runs. */
export declare function vaultCliPath(): string;

/**
 * Creates a temporary data directory, runs `init` (and `seed`), starts `serve --port 0` and waits until it
 * listens.
 *
 * @example
 * const vault = await startTestVault({ seed: { folders: [{ name: 'Ops' }], apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }] } });
 * const { token } = await vault.admin(['client', 'add', '--app', 'ci']);
 * await vault.stop();
 */
export declare function startTestVault(options?: StartTestVaultOptions): Promise<TestVault>;

/**
 * Runs one `ksmkit-vault` command with `--json` and resolves with its parsed output.
 *
 * @example
 * await runVaultCli(['init'], dataDir);
 */
// biome-ignore lint/suspicious/noExplicitAny: CLI JSON output is untyped; tests index into it freely
export declare function runVaultCli<T = any>(
  args: readonly string[],
  dataDir: string,
  options?: { readonly input?: string; readonly env?: Readonly<Record<string, string>> },
): Promise<T>;

/** The directory of the `@ksmkit/vault` package, resolved by name from the current directory. */
export declare function vaultPackageDir(): string;
