// End to end: ksm-step credentials (one-time token, validate, list, remove), check and snippet against a real vault.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep, SEED_VALUES, type StepVault, startStepVault } from '../test-support/step-vault.js';

let sv: StepVault;
let dir: string;

/** The README's Jenkinsfile `withKsm` argument for credential PID-1, with this vault's UIDs. */
function jenkinsfileSpec(): string {
  const { login, contact, images } = sv.uids;
  return `withKsm(application: [[credentialsId: 'PID-1', secrets: [
  [destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: 'keeper://${login}/field/login'],
  [destination: 'env', envVar: 'MY_SEC_PHONE_NUM', filePath: '', notation: 'keeper://${contact}/custom_field/phone[1][number]'],
  [destination: 'file', envVar: '', filePath: 'img.png', notation: 'keeper://${images}/file/IMG_0036.png']
]]])`;
}

beforeAll(async () => {
  sv = await startStepVault();
  dir = await mkdtemp(join(tmpdir(), 'ksm-step-cred-'));
}, slow.timeout);

afterAll(async () => {
  await sv?.vault.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('ksm-step snippet and usage', () => {
  it('prints the three snippets; a run without a command is a usage error', async () => {
    const snippet = await runStep(['snippet', '--credential', 'ci', '--secret', 'UID/field/login > env:LOGIN'], {
      cwd: dir,
    });
    expect(snippet.code).toBe(0);
    expect(snippet.stdout).toContain("credentialsId: 'ci'");
    expect(snippet.stdout).toContain('UID/field/login > env:LOGIN');
    const usage = await runStep(['run', '--spec', 'x.json'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Give the command after --');
  });
});

describe('ksm-step credentials and check', () => {
  it(
    'adds a credential from a one-time token (0600, token forgotten), validates, lists, checks and removes it',
    slow,
    async () => {
      const home = await mkdtemp(join(dir, 'home-'));
      const { token, args } = await sv.newToken();
      const add = await runStep(['credentials', 'add', 'PID-1', ...args], {
        cwd: home,
        env: { KSM_STEP_TOKEN: token },
      });
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      const file = join(home, '.config/ksmkit/credentials/PID-1.json');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(home, '.config/ksmkit/credentials'))).mode & 0o777).toBe(0o700);
      const stored = await readFile(file, 'utf8');
      expect(stored).not.toContain(token.split(':').at(-1));
      expect(JSON.parse(stored).clientKey).toBeUndefined();
      expect((await runStep(['credentials', 'validate', 'PID-1'], { cwd: home })).stdout).toContain('is valid');
      expect((await runStep(['credentials', 'list'], { cwd: home })).stdout).toContain('PID-1\tfile:');

      await writeFile(
        join(home, 'spec.groovy'),
        jenkinsfileSpec().replace('PID-5142ceb84e9b4a2a9179cc5b6fe2798b', 'PID-1'),
      );
      const check = await runStep(['check', '--spec', 'spec.groovy', '--json'], { cwd: home });
      expect(check.code).toBe(0);
      const report = JSON.parse(check.stdout) as { secrets: { target: string; kind: string; length: string }[] };
      expect(report.secrets.map((s) => [s.target, s.kind, s.length])).toEqual([
        ['MY_LOGIN', 'string', '16-63'],
        ['MY_SEC_PHONE_NUM', 'string', '4-15'],
        ['img.png', 'file', '4-15'],
      ]);
      expect(check.stdout).not.toContain(SEED_VALUES.login);
      await writeFile(join(home, 'half.groovy'), jenkinsfileSpec().replace('phone[1][number]', 'phone[7][number]'));
      const half = await runStep(['check', '--spec', 'half.groovy'], { cwd: home });
      expect(half.code).toBe(5);
      expect(half.stdout).toMatch(/^ok {4}application\[0\]\.secrets\[0\] {2}env:MY_LOGIN {2}string {2}16-63$/m);
      expect(half.stdout).toMatch(/^FAIL {2}application\[0\]\.secrets\[1\] \(MY_SEC_PHONE_NUM\): /m);
      expect(half.stdout).toContain('2 secret(s) resolve, 1 problem(s)');

      const again = await runStep(['credentials', 'add', 'PID-1', ...args], {
        cwd: home,
        env: { KSM_STEP_TOKEN: token },
      });
      expect(again.code).toBe(4);
      expect((await runStep(['credentials', 'remove', 'PID-1'], { cwd: home })).code).toBe(0);
      expect((await runStep(['credentials', 'validate', 'PID-1'], { cwd: home })).code).toBe(4);
    },
  );

  it('rejects a bad token and writes nothing', slow, async () => {
    const home = await mkdtemp(join(dir, 'home-'));
    const { args } = await sv.newToken();
    const run = await runStep(['credentials', 'add', 'bad', ...args], {
      cwd: home,
      env: { KSM_STEP_TOKEN: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(run.code).not.toBe(0);
    expect(await readdir(home)).toEqual([]);
  });

  it('fails clearly for a removed device', slow, async () => {
    const home = await mkdtemp(join(dir, 'home-'));
    const { token, args } = await sv.newToken();
    expect(
      (await runStep(['credentials', 'add', 'gone', ...args], { cwd: home, env: { KSM_STEP_TOKEN: token } })).code,
    ).toBe(0);
    const stored = JSON.parse(await readFile(join(home, '.config/ksmkit/credentials/gone.json'), 'utf8')) as {
      clientId: string;
    };
    await sv.vault.admin(['client', 'remove', stored.clientId]);
    const run = await runStep(['credentials', 'validate', 'gone'], { cwd: home });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/ksm-step: /);
  });
});
