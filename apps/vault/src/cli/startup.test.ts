// Startup problems as the operator sees them: one server per data dir, permission errors with exit codes and hints.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVaultBuilt, runVaultCli, startTestVault, type TestVault, vaultCliPath } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const slow = { timeout: 120_000 };
const NOBODY = 65534;

function cli(
  args: string[],
  options: { uid?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vaultCliPath(), ...args],
      { timeout: 60_000, ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }) },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    );
  });
}

describe('serve startup', () => {
  let vault: TestVault;
  const dirs: string[] = [];

  beforeAll(async () => {
    ensureVaultBuilt();
    vault = await startTestVault({ build: false });
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second serve on the same data directory, naming the running PID', slow, async () => {
    const lock = join(vault.dataDir, 'serve.lock');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(vault.pid));
    const second = await cli(['serve', '--port', '0', '--data-dir', vault.dataDir]);
    expect(second.code).toBe(9);
    expect(second.stderr).toContain(`PID ${vault.pid}`);
    expect(second.stderr).not.toContain('a bug');
    // The refused server removed nothing of the running one's.
    expect(existsSync(join(vault.dataDir, 'serve.json'))).toBe(true);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(vault.pid));
  });

  it('takes over a lock left by a process that is gone', slow, async () => {
    const root = mkdtempSync(join(tmpdir(), 'vault-stale-'));
    dirs.push(root);
    const dataDir = join(root, 'vault');
    const stale = await startTestVault({ dataDir, build: false });
    await stale.stop();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'serve.lock'), '999999999\n', { mode: 0o600 });
    const again = await startTestVault({ dataDir, build: false });
    expect(readFileSync(join(dataDir, 'serve.lock'), 'utf8').trim()).toBe(String(again.pid));
    await again.stop();
    expect(existsSync(join(dataDir, 'serve.lock'))).toBe(false);
  });

  it('reports a data directory it may not read as a user error with a hint (exit 10), not a bug', slow, async () => {
    const root = mkdtempSync(join(tmpdir(), 'vault-eacces-'));
    dirs.push(root);
    const dataDir = join(root, 'vault');
    await runVaultCli(['init'], dataDir);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(dataDir, 0o000);
    else chmodSync(root, 0o700);
    const result = await cli(['serve', '--port', '0', '--data-dir', dataDir], asRoot ? { uid: NOBODY } : {});
    if (!asRoot) chmodSync(dataDir, 0o700);
    expect(result.code).toBe(10);
    expect(result.stderr).toContain('EACCES');
    expect(result.stderr).toContain('permission denied; run as the user that owns the data directory');
    expect(result.stderr).not.toContain('a bug');
  });
});
