// Subprocess tests of the built `ksm` binary against a real vault: profiles, secrets, exec, interpolate.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@keeper-security/secrets-manager-core';
import { iniValue, parseIni } from '@ksmkit/config';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { trustVaultInOfficialSdk } from '@ksmkit/test-support/official-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsmRun, runKsm, selfHostedInitArgs } from '../test-support/run-ksm.js';

const PASSWORD = 's3cr3t-Pa55';
const SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        {
          type: 'login',
          title: 'DB',
          fields: { login: 'app', password: PASSWORD, oneTimeCode: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' },
          files: [{ name: 'note.txt', content: 'attached text' }],
        },
      ],
    },
  ],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops', editable: true }] }],
};

let vault: TestVault;
let dir: string;
let recordUid: string;

/** Runs the built ksm in `dir` with an isolated HOME and KSM_INI_DIR. */
function ksm(args: readonly string[], env: Record<string, string> = {}): Promise<KsmRun> {
  return runKsm(args, { dir, env });
}

/** `ksm profile init` for a fresh token of app `ci`, self-hosted options and CA; returns the run. */
async function initProfile(name: string): Promise<KsmRun> {
  const { token } = (await vault.admin(['client', 'add', '--app', 'ci'])) as { token: string };
  return ksm(selfHostedInitArgs(vault, name), { KSM_CLI_TOKEN: token });
}

beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  dir = await mkdtemp(join(tmpdir(), 'ksm-cli-'));
  const init = await initProfile('main');
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const list = await ksm(['secret', 'list', '--json']);
  recordUid = (JSON.parse(list.stdout) as { uid: string }[])[0]?.uid ?? '';
}, 120_000);

afterAll(async () => {
  await vault?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('ksm profile', () => {
  it('init writes a 0600 keeper.ini and list marks the active profile', { timeout: 60_000 }, async () => {
    expect((await stat(join(dir, 'keeper.ini'))).mode & 0o777).toBe(0o600);
    expect(await initProfile('second')).toMatchObject({ code: 0 });
    const list = await ksm(['profile', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { name: 'main', active: true, storage: 'file' },
      { name: 'second', active: false, storage: 'file' },
    ]);
    expect((await ksm(['profile', 'active', 'second'])).code).toBe(0);
    expect((await ksm(['profile', 'list'])).stdout).toMatch(/\*\s+second/);
    expect((await ksm(['profile', 'active', 'main'])).code).toBe(0);
    const missing = await ksm(['profile', 'active', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nope');
  });

  it('fails with a usage message when no token is given', async () => {
    const run = await ksm(['profile', 'init', '--ini-file', join(dir, 'other.ini')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('KSM_CLI_TOKEN');
  });

  it('export round-trips through import and reads the same records', { timeout: 60_000 }, async () => {
    const exported = await ksm(['profile', 'export', 'main']);
    expect(exported.code).toBe(0);
    const ini = join(dir, 'copy.ini');
    expect((await ksm(['profile', 'import', '--ini-file', ini, '-p', 'copy', exported.stdout.trim()])).code).toBe(0);
    const list = await ksm(['secret', 'list', '--json', '--ini-file', ini]);
    expect(JSON.parse(list.stdout)).toEqual([{ uid: recordUid, type: 'login', title: 'DB' }]);
  });

  it('a --file-format json export loads in the official SDK and reads the same records', {
    timeout: 60_000,
  }, async () => {
    const exported = await ksm(['profile', 'export', '--plain', '--file-format', 'json', 'main']);
    expect(exported.code).toBe(0);
    trustVaultInOfficialSdk(vault.caCertPath as string);
    const theirs = await sdk.getSecrets({
      storage: sdk.loadJsonConfig(exported.stdout),
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: String(vault.serverPublicKeyId),
    });
    expect(theirs.records.map((r) => [r.recordUid, r.data.title])).toEqual([[recordUid, 'DB']]);
    const ini = await ksm(['profile', 'export', '--plain', '--file-format', 'ini', 'main']);
    const parsed = parseIni(ini.stdout);
    expect(iniValue(parsed, 'main', 'clientId')).toMatch(/^[\w+/=-]{20,}$/);
  });

  it('imports a base64 config made by the vault (client add --config-init b64)', { timeout: 60_000 }, async () => {
    const minted = (await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'b64'])) as { config: string };
    const out = join(dir, 'b64-config.ini');
    expect((await ksm(['profile', 'import', '--output-file', out, minted.config])).code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const ini = join(dir, 'b64.ini');
    expect((await ksm(['profile', 'import', '--ini-file', ini, minted.config])).code).toBe(0);
    const list = await ksm(['secret', 'list', '--json', '--ini-file', ini], {
      NODE_EXTRA_CA_CERTS: vault.caCertPath as string,
    });
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });
});

describe('ksm secret', () => {
  it('get masks values unless --unmask', { timeout: 60_000 }, async () => {
    const masked = await ksm(['secret', 'get', '-u', recordUid]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain(PASSWORD);
    expect(masked.stdout).toContain('****');
    const field = await ksm(['secret', 'get', '-u', recordUid, '--field', 'password', '--unmask']);
    expect(field.stdout.trim()).toBe(PASSWORD);
    for (const args of [['--json'], ['--json', '--field', 'password']]) {
      const maskedJson = await ksm(['secret', 'get', '-u', recordUid, ...args]);
      expect(maskedJson.code).toBe(0);
      expect(maskedJson.stdout).not.toContain(PASSWORD);
      const parsed = JSON.parse(maskedJson.stdout) as { fields?: { value: string[] }[] } | { value: string[] }[];
      const values = (Array.isArray(parsed) ? parsed : (parsed.fields ?? [])).flatMap((f) => f.value);
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((v) => v === '****')).toBe(true);
    }
    const json = await ksm(['secret', 'get', '-u', recordUid, '--json', '--unmask']);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(PASSWORD);
    const missing = await ksm(['secret', 'get', '-u', 'AAAAAAAAAAAAAAAAAAAAAA']);
    expect(missing.code).toBe(4);
  });

  it('notation, totp and password', { timeout: 60_000 }, async () => {
    expect((await ksm(['secret', 'notation', `keeper://${recordUid}/field/login`])).stdout.trim()).toBe('app');
    expect((await ksm(['secret', 'totp', recordUid])).stdout.trim()).toMatch(/^\d{6}$/);
    expect((await ksm(['secret', 'password', '--length', '20'])).stdout.trim()).toHaveLength(20);
  });

  it('download writes the attachment', { timeout: 60_000 }, async () => {
    const out = join(dir, 'download.txt');
    const run = await ksm(['secret', 'download', '-u', recordUid, '--name', 'note.txt', '--file-output', out]);
    expect(run.stderr).toBe('');
    expect(await readFile(out, 'utf8')).toBe('attached text');
  });
});

describe('ksm exec and interpolate', () => {
  it('exec gives the child the value and masks it in its output', { timeout: 60_000 }, async () => {
    const script = 'process.stdout.write("pw=" + process.env.DB_PASS); process.stderr.write(process.env.DB_PASS)';
    const run = await ksm(['exec', '--', process.execPath, '-e', script], {
      DB_PASS: `keeper://${recordUid}/field/password`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('pw=****');
    expect(run.stderr).toBe('****');
    const lengthScript = 'process.stdout.write(String(process.env.DB_PASS.length))';
    const seen = await ksm(['exec', '--', process.execPath, '-e', lengthScript], {
      DB_PASS: `keeper://${recordUid}/field/password`,
    });
    expect(seen.stdout).toBe(String(PASSWORD.length));
    const dribble =
      'const s = process.env.DB_PASS; let i = 0; const t = setInterval(() => { if (i < s.length) process.stdout.write(s[i++]); else clearInterval(t); }, 2)';
    const split = await ksm(['exec', '--', process.execPath, '-e', dribble], {
      DB_PASS: `keeper://${recordUid}/field/password`,
    });
    expect(split.stdout).toBe('****');
    const exitCode = await ksm(['exec', '--', process.execPath, '-e', 'process.exit(7)']);
    expect(exitCode.code).toBe(7);
  });

  it('exec masks encoded forms and names values too short to mask', { timeout: 60_000 }, async () => {
    const script = [
      'const pw = process.env.DB_PASS;',
      'console.log(Buffer.from("user:" + pw).toString("base64"));',
      'console.log(encodeURIComponent(pw + "/"), JSON.stringify({ pw }), process.env.DB_USER);',
    ].join(' ');
    const run = await ksm(['exec', '--', process.execPath, '-e', script], {
      DB_PASS: `keeper://${recordUid}/field/password`,
      DB_USER: `keeper://${recordUid}/field/login`,
    });
    expect(run.code).toBe(0);
    // 'user:' is 5 bytes, so the password sits at alignment 2: the 7 characters before it and the last partial
    // character (with its padding) depend on other bits and stay; everything in between is masked.
    const encoded = Buffer.from(`user:${PASSWORD}`).toString('base64');
    expect(run.stdout).toBe(`${encoded.slice(0, 7)}****${encoded.slice(-3)}\n****%2F {"pw":"****"} app\n`);
    expect(run.stderr).toBe('ksm: warning: DB_USER: the value is shorter than 4 characters and is not masked\n');
  });

  it('interpolate renders notations into a 0600 file', { timeout: 60_000 }, async () => {
    const template = join(dir, 'app.env.tmpl');
    const out = join(dir, 'app.env');
    await writeFile(template, `USER=keeper://${recordUid}/field/login\nPASS=keeper://${recordUid}/field/password\n`);
    expect((await ksm(['interpolate', '--in', template, '--out', out])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(`USER=app\nPASS=${PASSWORD}\n`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });
});
