// The ksmkit-vault CLI as subprocesses (built dist), with a real server, checked by the unmodified official SDK.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { parseDeviceConfig } from '@ksmkit/core';
import { ensureVaultBuilt, runVaultCli, startTestVault, type TestVault, vaultCliPath } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeGetSecret } from '../owner/probe.js';

const slow = { timeout: 120_000 };

const ISSUE_SEED = `
folders:
  - name: Production
    records:
      - type: login
        title: Postgres
        fields: { login: app, password: "s3cr3t!", url: "postgres://db:5432/app" }
        custom: [{ type: text, label: Environment, value: prod }]
        notes: primary database
    folders:
      - name: Payments
        records:
          - { type: login, title: Stripe, fields: { login: acct, password: sk_test_123 } }
  - name: Staging
    records:
      - { type: login, title: Redis, fields: { password: r3d1s } }
apps:
  - name: ci
    shares:
      - { folder: Production, editable: true }
      - { folder: Staging }
`;

function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [vaultCliPath(), ...args], (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

async function sdkOptions(vault: TestVault, token: string): Promise<ksm.SecretManagerOptions> {
  const storage = ksm.inMemoryStorage({});
  await ksm.initializeStorage(storage, token, vault.hostname);
  return { storage, serverPublicKey: vault.serverPublicKey, serverPublicKeyId: String(vault.serverPublicKeyId) };
}

const passwordOf = (record: ksm.KeeperRecord) =>
  record.data.fields.find((field: { type: string }) => field.type === 'password')?.value[0];

describe('ksmkit-vault CLI', () => {
  let work: string;
  let vault: TestVault;

  beforeAll(async () => {
    ensureVaultBuilt();
    work = mkdtempSync(join(tmpdir(), 'vault-cli-'));
    writeFileSync(join(work, 'seed.yaml'), ISSUE_SEED);
    vault = await startTestVault({ seed: join(work, 'seed.yaml') });
    ksm.setCustomProxyAgent(new Agent({ ca: readFileSync(vault.caCertPath as string), keepAlive: false }));
  }, 180_000);

  afterAll(async () => {
    await vault?.stop();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('seeds the issue example and prints names → UIDs', slow, async () => {
    expect(Object.keys(vault.seeded.folders).sort()).toEqual(['Payments', 'Production', 'Staging']);
    expect(Object.keys(vault.seeded.records).sort()).toEqual(['Postgres', 'Redis', 'Stripe']);
    expect(Object.keys(vault.seeded.apps)).toEqual(['ci']);
    for (const uid of Object.values(vault.seeded.records)) expect(uid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const folders = await vault.admin<{ folders: { path: string; shares: { editable: boolean }[] }[] }>([
      'folder',
      'list',
    ]);
    expect(folders.folders.map((f) => [f.path, f.shares[0]?.editable])).toEqual([
      ['Production', true],
      ['Production/Payments', true],
      ['Staging', false],
    ]);
  });

  it('keeps every key file 0600 and the directories 0700', () => {
    const mode = (path: string) => statSync(join(vault.dataDir, path)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    expect(mode('tls')).toBe(0o700);
    for (const file of ['server-key.json', 'settings.json', 'tls/server-key.pem', 'serve.lock', 'replay.bin']) {
      expect([file, mode(file)]).toEqual([file, 0o600]);
    }
    // The owner's secrets sit in the owner directory beside the data dir, which the server never opens.
    expect(existsSync(join(vault.dataDir, 'owner-keys.json'))).toBe(false);
    expect(existsSync(join(vault.dataDir, 'tls/ca-key.pem'))).toBe(false);
    for (const file of ['.', 'owner-keys.json', 'ca-key.pem']) {
      const path = join(`${vault.dataDir}-owner`, file);
      expect([file, statSync(path).mode & 0o777]).toEqual([file, file === '.' ? 0o700 : 0o600]);
    }
  });

  it(
    'mints a token with client add --json that the official SDK binds with; admin writes show up live',
    slow,
    async () => {
      const minted = await vault.admin(['client', 'add', '--app', 'ci', '--name', 'sdk']);
      expect(minted).toMatchObject({
        hostname: vault.hostname,
        serverPublicKey: vault.serverPublicKey,
        serverPublicKeyId: vault.serverPublicKeyId,
        caCertPath: vault.caCertPath,
      });
      expect(minted.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const options = await sdkOptions(vault, minted.token);
      const first = await ksm.getSecrets(options);
      const byTitle = Object.fromEntries(first.records.map((r) => [r.data.title, r]));
      expect(Object.keys(byTitle).sort()).toEqual(['Postgres', 'Redis', 'Stripe']);
      expect(passwordOf(byTitle.Postgres as ksm.KeeperRecord)).toBe('s3cr3t!');
      expect(byTitle.Postgres?.data.notes).toBe('primary database');
      expect(byTitle.Stripe?.innerFolderUid).toBe(vault.seeded.folders.Payments);

      writeFileSync(join(work, 'pw.txt'), 'fr0m-f1le\n');
      const added = await vault.admin(
        [
          'record',
          'add',
          '--title',
          'Live',
          '--folder',
          'Staging',
          '--field',
          `password=@${join(work, 'pw.txt')}`,
          '--field',
          'login=-',
          '--file',
          join(work, 'pw.txt'),
        ],
        { input: 'st4din-user\n' },
      );
      expect(JSON.stringify(added)).not.toContain('fr0m-f1le');
      await vault.admin([
        'record',
        'update',
        'Postgres',
        '--field',
        'password=r0tated',
        '--custom',
        'Environment=production',
      ]);
      const second = await ksm.getSecrets(options);
      const live = second.records.find((r) => r.data.title === 'Live') as ksm.KeeperRecord;
      expect(passwordOf(live)).toBe('fr0m-f1le');
      expect(live.data.fields.find((f: { type: string }) => f.type === 'login')?.value).toEqual(['st4din-user']);
      expect(new TextDecoder().decode(await ksm.downloadFile(live.files?.[0] as ksm.KeeperFile))).toBe('fr0m-f1le\n');
      const postgres = second.records.find((r) => r.data.title === 'Postgres') as ksm.KeeperRecord;
      expect(passwordOf(postgres)).toBe('r0tated');
      expect(postgres.data.custom[0].value).toEqual(['production']);

      const got = await vault.admin(['record', 'get', 'Postgres']);
      expect(got.data.fields.find((f: { type: string }) => f.type === 'password').value).toEqual(['r0tated']);
      expect(got.revision).toBe(2);
      const list = await vault.admin(['record', 'list']);
      expect(JSON.stringify(list)).not.toContain('r0tated');

      const { clients } = await vault.admin(['client', 'list', '--app', 'ci']);
      expect(clients[0]).toMatchObject({ name: 'sdk', status: 'bound', lockedIp: '127.0.0.1' });
      await vault.admin(['client', 'remove', 'sdk']);
      await expect(ksm.getSecrets(options)).rejects.toThrow(/access_denied|invalid_client/);
    },
  );

  it('prints --config-init configs (json and b64) the official SDK uses without a token', slow, async () => {
    const json = await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'json']);
    expect(json.token).toBeUndefined();
    expect(json.config).toMatchObject({
      hostname: vault.hostname,
      serverPublicKeyId: String(vault.serverPublicKeyId),
      caCertificate: readFileSync(vault.caCertPath as string, 'utf8'),
    });
    // The config core reads (what `ksm` loads) carries the CA as is.
    expect((await parseDeviceConfig(JSON.stringify(json.config))).caCertificate).toContain('BEGIN CERTIFICATE');
    const fromJson = await ksm.getSecrets({ storage: ksm.inMemoryStorage(json.config) });
    expect(fromJson.records.length).toBeGreaterThanOrEqual(3);
    const b64 = await vault.admin(['client', 'add', '--app', 'ci', '--config-init', 'b64']);
    const fromB64 = await ksm.getSecrets({ storage: ksm.loadJsonConfig(b64.config) });
    expect(fromB64.records.map((r) => r.data.title)).toContain('Redis');
  });

  it('shares and unshares a record directly', slow, async () => {
    await vault.admin(['app', 'create', 'solo']);
    await vault.admin(['record', 'add', '--title', 'Loose', '--field', 'password=l00se']);
    await vault.admin(['share', 'add', '--app', 'solo', '--record', 'Loose']);
    const config = (await vault.admin(['client', 'add', '--app', 'solo', '--config-init', 'json'])).config;
    const options = { storage: ksm.inMemoryStorage(config) };
    expect((await ksm.getSecrets(options)).records.map((r) => r.data.title)).toEqual(['Loose']);
    await vault.admin(['share', 'remove', '--app', 'solo', '--record', 'Loose']);
    expect((await ksm.getSecrets(options)).records).toEqual([]);
    const apps = await vault.admin(['app', 'list']);
    expect(apps.apps.map((a: { title: string }) => a.title)).toEqual(['ci', 'solo']);
    await vault.admin(['app', 'remove', 'solo']);
    await expect(ksm.getSecrets(options)).rejects.toThrow(/access_denied|invalid_client/);
  });

  it('reports user errors with a hint and a distinct exit code, never a value', slow, async () => {
    const empty = join(work, 'nothing');
    const notInit = await cli(['app', 'list', '--data-dir', empty]);
    expect([notInit.code, notInit.stderr]).toEqual([3, expect.stringContaining('run `ksmkit-vault init` first')]);
    const unknownApp = await cli(['client', 'add', '--app', 'nope', '--data-dir', vault.dataDir]);
    expect(unknownApp.code).toBe(4);
    const badField = await cli([
      'record',
      'add',
      '--title',
      'X',
      '--field',
      'bogus=s3cret-value',
      '--data-dir',
      vault.dataDir,
    ]);
    expect(badField.code).toBe(2);
    expect(badField.stderr).not.toContain('s3cret-value');
    expect(badField.stderr).not.toContain('    at ');
    const usage = await cli(['frobnicate']);
    expect(usage.code).toBe(2);
  });

  it('rejects bad seed files with the path inside the file and writes nothing', slow, async () => {
    const before = await vault.admin(['folder', 'list']);
    const cases: [string, string][] = [
      ['folders:\n  - name: A\napps:\n  - name: z\n    shares:\n      - { folder: Missing }\n', 'apps[0].shares[0]'],
      [
        'folders:\n  - name: B\n    records:\n      - { type: login, title: T, fields: { nofield: 1 } }\n',
        'folders[0].records[0]',
      ],
      [
        'folders:\n  - name: C\n    records:\n      - { type: login, title: T, custom: [{ type: notAType, value: x }] }\n',
        'folders[0].records[0]',
      ],
      ['folders:\n  - nmae: D\n', 'folders[0]'],
    ];
    for (const [text, path] of cases) {
      const file = join(work, 'bad.yaml');
      writeFileSync(file, text);
      const result = await cli(['seed', file, '--data-dir', vault.dataDir]);
      expect([result.code, result.stderr.includes(path)]).toEqual([6, true]);
    }
    expect(await vault.admin(['folder', 'list'])).toEqual(before);
  });

  it('stores no plaintext of the owner path: names, values, notes, file contents, tokens', slow, async () => {
    const minted = await vault.admin(['client', 'add', '--app', 'ci', '--name', 'zk']);
    const files = ['vault.db', 'vault.db-wal', 'vault.db-shm', 'settings.json', 'server-key.json'];
    const stored = Buffer.concat(
      files.map((file) => {
        try {
          return readFileSync(join(vault.dataDir, file));
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    const token = minted.token as string;
    const secrets = [
      's3cr3t!',
      'sk_test_123',
      'r3d1s',
      'primary database',
      'Postgres',
      'Production',
      'Payments',
      'Environment',
      'fr0m-f1le',
      token,
    ];
    const tokenBytes = Buffer.from(token, 'base64url');
    for (const secret of secrets) expect([secret, stored.includes(Buffer.from(secret))]).toEqual([secret, false]);
    expect(stored.includes(tokenBytes)).toBe(false);
    expect(stored.includes(Buffer.from(tokenBytes.toString('base64')))).toBe(false);
  });

  it('passes throttle limits and extra serve args through startTestVault', slow, async () => {
    const throttled = await startTestVault({
      seed: {
        folders: [{ name: 'T', records: [{ title: 'R', fields: { password: 'p' } }] }],
        apps: [{ name: 't', shares: [{ folder: 'T' }] }],
      },
      throttle: { requests: 1, windowSeconds: 60 },
      args: ['--http'],
    });
    try {
      expect(throttled.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(throttled.caCertPath).toBeNull();
      const { config } = await throttled.admin(['client', 'add', '--app', 't', '--config-init', 'json']);
      const first = await probeGetSecret(throttled.url, config);
      expect(first.recordTitles).toEqual(['R']);
      await expect(probeGetSecret(throttled.url, config)).rejects.toMatchObject({ details: { status: 403 } });
    } finally {
      await throttled.stop();
    }
    expect(existsSync(throttled.dataDir)).toBe(false);
  });

  it('runs demo --once: init, seed, serve, verify with a real request, stop', slow, async () => {
    const dir = join(work, 'demo');
    const result = await cli(['demo', '--once', '--json', '--port', '0', '--data-dir', dir]);
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info).toMatchObject({ event: 'ready', app: 'demo', seeded: true, caCertPath: join(dir, 'tls', 'ca.pem') });
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(info.verified.recordTitles).toEqual(
      expect.arrayContaining(['Postgres', 'GitHub', 'Stripe', 'Redis', 'Analytics DB']),
    );
    const again = JSON.parse((await cli(['demo', '--once', '--json', '--port', '0', '--data-dir', dir])).stdout);
    expect(again.seeded).toBe(false);
    const records = await runVaultCli<{ records: unknown[] }>(['record', 'list'], dir);
    expect(records.records).toHaveLength(5);
  });
});
