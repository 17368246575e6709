// The built `ksm` against a real vault, for what Keeper's CLI docs promise: regions, flags, import, tables, errors.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iniValue, parseIni } from '@ksmkit/config';
import { startTestVault, type TestVault, vaultCliPath } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../shared/exit-codes.js';
import { type KsmRun, runKsm, selfHostedInitArgs } from '../test-support/run-ksm.js';

const KSM = fileURLToPath(new URL('../../dist/ksm/main.js', import.meta.url));
const SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        { type: 'login', title: 'DB', fields: { login: 'app', password: 'pw-DB-1' } },
        { type: 'login', title: 'Cache', fields: { login: 'cache', password: 'pw-Cache-2' } },
      ],
    },
  ],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }],
};
const slow = { timeout: 60_000 };

let vault: TestVault;
let dir: string;
let ini: string;
let initOutput: string;

/** Runs the built ksm with an isolated HOME and KSM_INI_DIR (cwd `dir` unless given). */
function ksm(args: readonly string[], env: Record<string, string> = {}, cwd = dir, input = ''): Promise<KsmRun> {
  return runKsm(args, { dir, env, cwd, input });
}

/** A fresh one-time token of app `ci` and its bare form (without the `host:port:` prefix). */
async function token(): Promise<{ full: string; bare: string }> {
  const { token: full } = (await vault.admin(['client', 'add', '--app', 'ci'])) as { token: string };
  return { full, bare: full.slice(full.lastIndexOf(':') + 1) };
}

/** The bound config of profile `main` as JSON text, edited by `change`. */
async function mainConfig(change: (config: Record<string, string>) => void): Promise<string> {
  const exported = await ksm(['profile', 'export', '--plain', '--file-format', 'json', 'main']);
  const config = JSON.parse(exported.stdout) as Record<string, string>;
  change(config);
  return JSON.stringify(config);
}

beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  dir = await mkdtemp(join(tmpdir(), 'ksm-docs-'));
  ini = join(dir, 'keeper.ini');
  const { full } = await token();
  const init = await ksm(selfHostedInitArgs(vault, 'main'), { KSM_CLI_TOKEN: full });
  expect(init).toMatchObject({ code: 0, stderr: '' });
  initOutput = init.stdout;
  expect((await ksm(['secret', 'list', '--json'])).code).toBe(0); // binds the device
}, 120_000);

afterAll(async () => {
  await vault?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('ksm profile init regions', () => {
  it("prints Keeper's line for a new profile", () => {
    expect(initOutput).toBe(`Added profile main to INI config file located at ${ini}\n`);
  });

  it('maps -h US_GOV to GovCloud for a bare token', slow, async () => {
    const file = join(dir, 'gov.ini');
    const run = await ksm(['profile', 'init', '-h', 'US_GOV', '--ini-file', file], {
      KSM_CLI_TOKEN: (await token()).bare,
    });
    expect(run.code).toBe(0);
    expect(iniValue(parseIni(await readFile(file, 'utf8')), '_default', 'hostname')).toBe('govcloud.keepersecurity.us');
  });

  it('rejects an unknown region with the valid ones, writing nothing', slow, async () => {
    const file = join(dir, 'xx.ini');
    const run = await ksm(['profile', 'init', '-h', 'xx', '--ini-file', file], { KSM_CLI_TOKEN: (await token()).bare });
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('Unknown region "xx"; expected one of US, EU, AU, JP, CA, US_GOV');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('binds a bare token to US also with --server-public-key-id (one init path)', slow, async () => {
    const file = join(dir, 'bare.ini');
    const run = await ksm(['profile', 'init', '--server-public-key-id', '7', '--ini-file', file], {
      KSM_CLI_TOKEN: (await token()).bare,
    });
    expect(run.stderr).toBe('');
    const doc = parseIni(await readFile(file, 'utf8'));
    expect(iniValue(doc, '_default', 'hostname')).toBe('keepersecurity.com');
    expect(iniValue(doc, '_default', 'serverPublicKeyId')).toBe('7');
  });
});

describe('ksm profile import', () => {
  it('refuses to replace an existing profile unless --force', slow, async () => {
    const before = await readFile(ini, 'utf8');
    const exported = (await ksm(['profile', 'export', 'main'])).stdout.trim();
    const run = await ksm(['profile', 'import', '-p', 'main', '--ini-file', ini, exported]);
    expect(run.code).toBe(EXIT.CONFIG);
    expect(run.stderr).toContain('Profile "main" already exists');
    expect(run.stderr).toContain('--force');
    expect(await readFile(ini, 'utf8')).toBe(before);
    expect((await ksm(['profile', 'import', '-p', 'main', '--force', '--ini-file', ini, exported])).code).toBe(0);
  });

  it('imports what `export --file-format ini` prints, into keeper.ini in the current directory', slow, async () => {
    const exported = (await ksm(['profile', 'export', '--file-format', 'ini', 'main'])).stdout.trim();
    const cwd = join(dir, 'work');
    await mkdir(cwd);
    const run = await ksm(['profile', 'import', '-p', 'copy', exported], { KSM_INI_DIR: join(dir, 'elsewhere') }, cwd);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`Added profile copy to INI config file located at ${join(cwd, 'keeper.ini')}\n`);
    const list = await ksm(['secret', 'list', '--json', '--ini-file', join(cwd, 'keeper.ini')]);
    expect(JSON.parse(list.stdout)).toHaveLength(2);
  });

  it('reads the exported profile from stdin with -, so it never shows in the process list', slow, async () => {
    const exported = (await ksm(['profile', 'export', 'main'])).stdout;
    const out = join(dir, 'from-stdin.ini');
    const run = await ksm(['profile', 'import', '-p', 'piped', '--output-file', out, '-'], {}, dir, exported);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(iniValue(parseIni(await readFile(out, 'utf8')), 'piped', 'clientId')).toMatch(/^[\w+/=-]{20,}$/);
  });

  it('--output-file writes an INI (0600)', slow, async () => {
    const exported = (await ksm(['profile', 'export', 'main'])).stdout.trim();
    const out = join(dir, 'out.ini');
    const run = await ksm(['profile', 'import', '--json', '--output-file', out, exported]);
    expect(JSON.parse(run.stdout)).toEqual({ profile: '_default', path: out });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(iniValue(parseIni(await readFile(out, 'utf8')), '_default', 'clientId')).toMatch(/^[\w+/=-]{20,}$/);
  });
});

describe('ksm output as Keeper documents it', () => {
  it('secret list prints a header row and a rule; profile list marks the active one under a rule', slow, async () => {
    const lines = (await ksm(['secret', 'list'])).stdout.split('\n');
    expect(lines[0]).toMatch(/^ UID\s+Record Type\s+Title$/);
    expect(lines[1]).toMatch(/^ =+ =+ =+$/);
    expect(lines.slice(2).filter(Boolean)).toHaveLength(2);
    const profiles = (await ksm(['profile', 'list'])).stdout.split('\n');
    expect(profiles[0]).toMatch(/^ Active Profile\s+Storage$/);
    expect(profiles[1]).toMatch(/^ ={6} =+ =+$/);
    expect(profiles).toContainEqual(expect.stringMatching(/^ {3}\* {4}main\s+file$/));
  });
});

describe('ksm errors a user can act on', () => {
  it('refuses unknown options in every command', slow, async () => {
    for (const args of [
      ['secret', 'list', '--bogus-flag'],
      ['profile', 'list', '--bogus-flag'],
      ['profile', 'setup', '--type', 'aws', '--bogus-flag'],
    ]) {
      const run = await ksm(args);
      expect(run.code).toBe(EXIT.USAGE);
      expect(run.stderr).toContain('--bogus-flag');
      expect(run.stdout).toBe('');
    }
    const vaultRun = await new Promise<KsmRun>((resolve) => {
      execFile(process.execPath, [vaultCliPath(), 'client', 'add', '--bogus'], (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      );
    });
    expect(vaultRun.code).toBe(EXIT.USAGE);
    expect(vaultRun.stderr).toContain('Unknown option --bogus');
  });

  it('ends quietly when stdout closes early (ksm secret list | true)', slow, async () => {
    const script = `set -o pipefail; "${process.execPath}" "${KSM}" secret list | true`;
    const run = await new Promise<KsmRun>((resolve) => {
      execFile(
        'bash',
        ['-c', script],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, KSM_INI_DIR: dir } },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      );
    });
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.code).toBe(0);
  });

  it('--profile that does not exist is an error even with KSM_CONFIG set', slow, async () => {
    const config = await mainConfig(() => undefined);
    const run = await ksm(['secret', 'list', '--profile', 'nope'], { KSM_CONFIG: config });
    expect(run.code).toBe(EXIT.CONFIG);
    expect(run.stderr).toContain('Profile "nope" not found');
    expect(run.stdout).toBe('');
    expect((await ksm(['secret', 'list', '--json'], { KSM_CONFIG: config })).code).toBe(0);
  });

  it('a wrong appKey is its own error, not an empty list', slow, async () => {
    const config = await mainConfig((c) => {
      c.appKey = randomBytes(32).toString('base64');
    });
    const run = await ksm(['secret', 'list', '--json'], { KSM_CONFIG: config });
    expect(run.stdout).toBe('');
    expect(run.code).toBe(EXIT.CONFIG);
    expect(run.stderr).toMatch(/app key/i);
  });

  it('an untrusted server certificate says so and how to fix it', slow, async () => {
    const config = await mainConfig((c) => {
      delete c.caCertificate;
    });
    const run = await ksm(['secret', 'list'], { KSM_CONFIG: config });
    expect(run.code).toBe(EXIT.SERVER);
    expect(run.stderr).toContain('unknown CA');
    expect(run.stderr).toContain('--ca-cert');
    expect(run.stderr).not.toContain('could not be reached');
  });

  it('usage mistakes exit 2: notation syntax, --length 0, -u ""', slow, async () => {
    const notation = await ksm(['secret', 'notation', 'keeper://']);
    expect(notation.code).toBe(EXIT.USAGE);
    expect((await ksm(['secret', 'password', '--length', '0'])).code).toBe(EXIT.USAGE);
    const empty = await ksm(['secret', 'get', '-u', '']);
    expect(empty.code).toBe(EXIT.USAGE);
    expect(empty.stderr).toContain('-u/--uid');
  });
});
