// Subprocess tests of `ksm profile setup --type aws` against a real moto_server and a real vault.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { type MotoServer, startMoto } from '@ksmkit/test-support/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KSM = fileURLToPath(new URL('../../dist/ksm/main.js', import.meta.url));
const SEED = {
  folders: [{ name: 'Ops', records: [{ type: 'login', title: 'Cloud', fields: { password: 'aws-held' } }] }],
  apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }],
};

let vault: TestVault;
let moto: MotoServer;
let dir: string;

/** Runs the built ksm in `dir` with an isolated HOME/KSM_INI_DIR and test AWS keys for moto. */
function ksm(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      KSM_INI_DIR: dir,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-west-2',
      NODE_EXTRA_CA_CERTS: vault.caCertPath ?? '',
    };
    execFile(process.execPath, [KSM, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** Creates secret `name` in moto through its JSON API (moto does not check signatures). */
async function createSecret(name: string, value: string): Promise<void> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.CreateSecret',
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-west-2/secretsmanager/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify({ Name: name, SecretString: value }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  vault = await startTestVault({ seed: SEED });
  moto = await startMoto();
  dir = await mkdtemp(join(tmpdir(), 'ksm-aws-'));
  const minted = (await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'json'])) as { config: unknown };
  await createSecret('ksm-config', JSON.stringify(minted.config));
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  await vault?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** `ksm profile setup --type aws` with access keys from the environment, against moto, plus `extra` arguments. */
function setupAws(extra: readonly string[]) {
  return ksm([
    'profile',
    'setup',
    '--type',
    'aws',
    '--credentials',
    'keys',
    '--region',
    'us-west-2',
    '--endpoint',
    moto.endpoint,
    ...extra,
  ]);
}

describe('ksm profile setup --type aws', () => {
  it('creates an aws profile that reads secrets, and export refuses it', { timeout: 60_000 }, async () => {
    const setup = await setupAws(['--fallback', '-p', 'cloud']);
    expect(setup.stderr).not.toContain('ksm:');
    expect(setup.code).toBe(0);
    const list = await ksm(['profile', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'cloud', active: true, storage: 'aws' }]);
    const secrets = await ksm(['secret', 'list', '--json']);
    expect(secrets.stderr).not.toContain('ksm:');
    expect(JSON.parse(secrets.stdout)).toMatchObject([{ title: 'Cloud' }]);
    const exported = await ksm(['profile', 'export', 'cloud']);
    expect(exported.code).toBe(3);
    expect(exported.stdout).toBe('');
  });

  it('sets up a profile before its AWS secret exists, with a warning (as the docs describe)', {
    timeout: 60_000,
  }, async () => {
    const setup = await setupAws(['--secret', 'later', '-p', 'early']);
    expect(setup.code).toBe(0);
    expect(setup.stderr).toContain('AWS secret later holds no device config yet');
    const list = await ksm(['profile', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toContainEqual({ name: 'early', active: false, storage: 'aws' });
  });

  it('takes the documented credential flags and refuses mixed ones', { timeout: 60_000 }, async () => {
    const keys = ['--aws-access-key-id', 'testing', '--aws-secret-access-key', 'testing'];
    const ok = await ksm([
      'profile',
      'setup',
      '--type',
      'aws',
      '--credentials',
      'keys',
      ...keys,
      '--region',
      'us-west-2',
      '--endpoint',
      moto.endpoint,
      '-p',
      'flags',
    ]);
    expect(ok.stderr).not.toContain('ksm:');
    expect(ok.code).toBe(0);
    const secrets = await ksm(['secret', 'list', '--json', '--profile', 'flags']);
    expect(JSON.parse(secrets.stdout)).toMatchObject([{ title: 'Cloud' }]);
    const mixed = await ksm(['profile', 'setup', '--type', 'aws', '--credentials', 'profile', ...keys, '-p', 'x']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--credentials profile takes only --credentials-profile');
    const ec2 = await ksm(['profile', 'setup', '--type', 'aws', '--credentials-profile', 'ci', '-p', 'y']);
    expect(ec2.code).toBe(2);
  });
});
