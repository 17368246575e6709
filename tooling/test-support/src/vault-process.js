// Test support: start a real ksmkit-vault process (init, seed, serve --port 0) for tests; stop it by PID.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

let resolvedAppDir;

/**
 * The directory of the `@ksmkit/vault` package, resolved BY NAME from the package under test (the current
 * directory, where vitest and turbo run). A package whose tests start a vault lists `@ksmkit/vault` in its
 * devDependencies, so turbo's `^build` builds the vault before its tests; the vault's own tests resolve it
 * through the package's self-reference.
 *
 * @example
 * const dir = vaultPackageDir();
 */
export function vaultPackageDir() {
  if (resolvedAppDir !== undefined) return resolvedAppDir;
  const require = createRequire(join(process.cwd(), 'package.json'));
  try {
    resolvedAppDir = dirname(require.resolve('@ksmkit/vault/package.json'));
  } catch (error) {
    throw new Error(
      `@ksmkit/vault cannot be resolved from ${process.cwd()}: add "@ksmkit/vault": "workspace:*" to the devDependencies of the package whose tests start a vault`,
      { cause: error },
    );
  }
  return resolvedAppDir;
}

function distDir() {
  return join(vaultPackageDir(), 'dist', 'cli');
}

/**
 * Absolute path of the built ksmkit-vault CLI (`dist/cli/main.js` of the `@ksmkit/vault` package).
 *
 * @example
 * spawn(process.execPath, [vaultCliPath(), '--help']);
 */
export function vaultCliPath() {
  for (const name of ['main.js', 'main.mjs']) {
    const path = join(distDir(), name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `ksmkit-vault is not built (no ${join(distDir(), 'main.js')}); run \`pnpm --filter @ksmkit/vault build\``,
  );
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  const built = ['main.js', 'main.mjs'].map((name) => join(distDir(), name)).find((path) => existsSync(path));
  return built === undefined || statSync(built).mtimeMs < newestSource(join(vaultPackageDir(), 'src'));
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds apps/vault (tsdown) when its dist is missing or older than any non-test source file. Safe across
 * parallel test workers: one builds (under a lock directory) into a fresh directory that is swapped in, the
 * others wait and re-check.
 *
 * @example
 * ensureVaultBuilt();
 */
export function ensureVaultBuilt() {
  const appDir = vaultPackageDir();
  const lock = join(appDir, '.dist-lock');
  while (isStale()) {
    try {
      mkdirSync(lock);
    } catch {
      // Another worker builds; a lock older than 10 minutes belongs to a crashed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmdirSync(lock);
      } catch {}
      sleepSync(200);
      continue;
    }
    try {
      if (!isStale()) return;
      const suffix = randomBytes(4).toString('hex');
      const fresh = join(appDir, `.dist-build-${suffix}`);
      const old = join(appDir, `.dist-old-${suffix}`);
      try {
        execFileSync(
          process.execPath,
          [join(appDir, 'node_modules', 'tsdown', 'dist', 'run.mjs'), '--out-dir', fresh],
          {
            cwd: appDir,
            stdio: 'ignore',
          },
        );
      } catch (error) {
        rmSync(fresh, { recursive: true, force: true });
        throw new Error('building apps/vault with tsdown failed; run `cd apps/vault && npx tsdown` to see why', {
          cause: error,
        });
      }
      const dist = join(appDir, 'dist');
      if (existsSync(dist)) renameSync(dist, old);
      renameSync(fresh, dist);
      rmSync(old, { recursive: true, force: true });
      return;
    } finally {
      rmdirSync(lock);
    }
  }
}

function commandError(args, code, stdout, stderr) {
  const error = new Error(`ksmkit-vault ${args[0] ?? ''} ${args[1] ?? ''} exited with ${code}: ${stderr.trim()}`);
  return Object.assign(error, { exitCode: code, stdout, stderr });
}

/**
 * Runs one `ksmkit-vault` command with `--json --data-dir` and resolves with its parsed JSON output.
 *
 * @example
 * const apps = await runVaultCli(['app', 'list'], dataDir);
 */
export function runVaultCli(args, dataDir, options = {}) {
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

/**
 * Builds apps/vault if its dist is stale, creates a temporary data directory, runs `init` (and `seed`),
 * starts `serve --port 0 --json` and waits for its ready line. `stop()` sends SIGTERM to that PID only and removes the temporary directory.
 *
 * @example
 * const vault = await startTestVault({ throttle: { requests: 5, windowSeconds: 2 } });
 * try { const { token } = await vault.admin(['client', 'add', '--app', 'ci']); } finally { await vault.stop(); }
 */
export async function startTestVault(options = {}) {
  if (options.build !== false) ensureVaultBuilt();
  const ownDir = options.dataDir === undefined;
  const root = ownDir ? mkdtempSync(join(tmpdir(), 'ksmkit-test-vault-')) : undefined;
  const dataDir = options.dataDir ?? join(root, 'vault');
  const env = options.env ?? {};
  const cleanup = () => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  };
  try {
    await runVaultCli(['init', '--if-needed'], dataDir, { env });
    let seeded = { folders: {}, records: {}, apps: {} };
    if (options.seed !== undefined) {
      let file = options.seed;
      if (typeof file !== 'string') {
        file = join(root ?? dataDir, 'seed.json');
        writeFileSync(file, JSON.stringify(options.seed), { mode: 0o600 });
      }
      seeded = await runVaultCli(['seed', file], dataDir, { env });
    }
    const serveArgs = ['serve', '--port', '0', '--json', '--data-dir', dataDir, ...(options.args ?? [])];
    if (options.throttle !== undefined) {
      serveArgs.push('--throttle-requests', String(options.throttle.requests));
      serveArgs.push('--throttle-window-seconds', String(options.throttle.windowSeconds));
    }
    const child = spawn(process.execPath, [vaultCliPath(), ...serveArgs], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
    const ready = await new Promise((resolveReady, reject) => {
      let buffer = '';
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk) => {
        stderr += chunk;
      });
      const onData = (chunk) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
          if (!line.startsWith('{')) continue;
          const event = JSON.parse(line);
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
    let stopping;
    return {
      dataDir,
      hostname: ready.hostname,
      port: ready.port,
      url: ready.url,
      caCertPath: ready.caCertPath,
      serverPublicKey: ready.serverPublicKey,
      serverPublicKeyId: ready.serverPublicKeyId,
      pid: child.pid,
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
