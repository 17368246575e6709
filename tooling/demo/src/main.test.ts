// The README's main job, run once (`--once`, free ports, a throwaway vault): every part starts and masks secrets.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** The demo data's Postgres password (made-up demo data, apps/vault/src/owner/demo-data.ts). */
const DEMO_PASSWORD = 'demo-pg-Pa55word!';

describe('the demo (README main job)', () => {
  it('starts the vault and every integration, and never shows a secret value', { timeout: 180_000 }, async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', MAIN, '--once'], { timeout: 170_000 }, (error, out, err) =>
        error === null ? resolve({ stdout: out, stderr: err }) : reject(Object.assign(error, { stderr: err })),
      );
    });
    expect(stdout).toContain('plain:   ****');
    expect(stdout).toContain('json:    {"password":"****"}');
    expect(stdout).toContain('the secret file is gone: true');
    expect(stdout).toMatch(/list_secrets sees: .*Postgres/);
    expect(stdout).toContain('keeper://Postgres/field/password sees: [masked]');
    expect(stdout).toContain('resolving its title gave: Postgres)');
    expect(stdout).toContain('ksm-sync plan:      create DB_PASSWORD, create GITHUB_TOKEN');
    expect(stdout).toContain('ksm-sync apply:     2 write(s); apply again: 0 write(s)');
    expect(stdout + stderr).not.toContain(DEMO_PASSWORD);
    expect(stdout).toContain('Demo checked (--once)');
  });
});
