// The bundled action run the way the runner runs it: INPUT_* variables, GITHUB_ENV/OUTPUT/STATE files, Node 20.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretForms } from '@ksmkit/redact';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_VALUES, type StepVault, startStepVault } from '../test-support/step-vault.js';

const DIST = fileURLToPath(new URL('../../dist/action/', import.meta.url));

let sv: StepVault;
let config: string;
let dir: string;
let action: string;

/** Parses a runner file of `name<<DELIM\nvalue\nDELIM` entries. */
function parseRunnerFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2\n/gm;
  for (const match of text.matchAll(pattern)) out[match[1]!] = match[3]!;
  return out;
}

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly workspace: string;
  readonly env: Record<string, string>;
  readonly output: Record<string, string>;
  readonly state: Record<string, string>;
}

async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const workspace = await mkdtemp(join(dir, 'ws-'));
  const files = {
    GITHUB_ENV: join(dir, `${workspace.slice(-6)}.env`),
    GITHUB_OUTPUT: join(dir, `${workspace.slice(-6)}.out`),
    GITHUB_STATE: join(dir, `${workspace.slice(-6)}.state`),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...files };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [join(action, 'main.js')], { cwd: workspace, env }, (error, out) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout: out }),
    );
  });
  const read = async (file: string) => parseRunnerFile(await readFile(file, 'utf8'));
  return {
    code,
    stdout,
    workspace,
    env: await read(files.GITHUB_ENV),
    output: await read(files.GITHUB_OUTPUT),
    state: await read(files.GITHUB_STATE),
  };
}

beforeAll(async () => {
  sv = await startStepVault();
  config = await sv.newConfig();
  dir = await mkdtemp(join(tmpdir(), 'ksm-action-'));
  action = join(dir, 'action');
  await import('node:fs/promises').then(({ mkdir }) => mkdir(action));
  // Only the bundle, away from any node_modules: it must run on its own.
  for (const file of await readdir(DIST)) await copyFile(join(DIST, file), join(action, file));
}, slow.timeout);

afterAll(async () => {
  await sv?.vault.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('the GitHub Action (dist/action/main.js)', () => {
  it('exports the Jenkinsfile example secrets after registering every form with ::add-mask::', slow, async () => {
    const { login, contact, images } = sv.uids;
    const run = await runAction({
      'keeper-secret-config': config,
      secrets: [
        `keeper://${login}/field/login > env:MY_LOGIN`,
        `keeper://${contact}/custom_field/phone[1][number] > MY_SEC_PHONE_NUM`,
        `keeper://${images}/file/IMG_0036.png > file:img.png`,
        `${images}/file/server.pem > file:certs/server.pem`,
      ].join('\n'),
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    const masks = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice('::add-mask::'.length));
    for (const value of [SEED_VALUES.login, SEED_VALUES.phone1, SEED_VALUES.certText.trimEnd(), config])
      for (const form of secretForms(value))
        expect(masks).toContain(form.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
    expect(masks).toContain(Buffer.from(SEED_VALUES.login).toString('base64'));
    expect(masks).toContain('line-one-of-cert');
    const firstExport = run.stdout.indexOf('secret(s) set');
    expect(run.stdout.lastIndexOf('::add-mask::')).toBeLessThan(firstExport);
    const nonMask = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(nonMask).not.toContain(SEED_VALUES.login);

    expect(run.env).toEqual({ MY_LOGIN: SEED_VALUES.login });
    expect(run.output).toEqual({ MY_SEC_PHONE_NUM: SEED_VALUES.phone1 });
    expect(new Uint8Array(await readFile(join(run.workspace, 'img.png')))).toEqual(SEED_VALUES.imageBytes);
    expect((await stat(join(run.workspace, 'certs/server.pem'))).mode & 0o777).toBe(0o600);

    // The post step removes the files.
    const post = await new Promise<number>((resolve) =>
      execFile(
        process.execPath,
        [join(action, 'post.js')],
        { env: { STATE_ksm_files: run.state.ksm_files ?? '' } },
        (error) => resolve(error === null ? 0 : 1),
      ),
    );
    expect(post).toBe(0);
    expect(await readdir(join(run.workspace, 'certs'))).toEqual([]);
    expect((await readdir(run.workspace)).sort()).toEqual(['certs']);
  });

  it('fails with ::error:: and exports nothing on bad input', slow, async () => {
    const empty = await runAction({ 'keeper-secret-config': '', secrets: 'x/field/login > env:X' });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('::error::Keeper Secrets Manager: Configuration string is empty');

    const bad = await runAction({
      'keeper-secret-config': config,
      secrets: 'no arrow here\nkeeper:// > env:X\nA/field/login > env:1X',
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('secrets line 1: expected NOTATION > env:NAME');
    expect(bad.stdout).toContain('secrets line 2: Could not parse the notation');
    expect(bad.stdout).toContain('secrets line 3: \\"1X\\" is not a valid name'.replace(/\\"/g, '"'));

    const missing = await runAction({
      'keeper-secret-config': config,
      secrets: `${sv.uids.login}/field/login > env:A\nAAAAAAAAAAAAAAAAAAAAAA/field/login > env:B`,
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Requested 2 record(s), received 1 record(s)');
    expect(missing.env).toEqual({});
    expect(missing.stdout).not.toContain(SEED_VALUES.login);
  });
});
