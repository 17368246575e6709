// End to end against a REAL `ksmkit-vault serve` process (tooling/test-support): the official SDK, the security
// model and the zero-knowledge scan, with the seed file and the CLI's own tokens and configs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ksm from '@keeper-security/secrets-manager-core';
import { base64Decode, base64Encode, base64UrlEncode } from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIALS } from '../server/denials.js';
import { sdkDevice, sdkErrorBody, trustVault } from './sdk.test-support.js';

const slow = { timeout: 120_000 };
const SEED = {
  folders: [
    {
      name: 'Production',
      records: [
        {
          type: 'login',
          title: 'Postgres',
          fields: { login: 'app-login-7731', password: 's3cr3t!-pg-9917', url: 'postgres://db-host-4410:5432/app' },
          custom: [{ type: 'text', label: 'Environment', value: 'prod-env-5521' }],
          notes: 'primary database notes 8812',
        },
      ],
      folders: [
        {
          name: 'Payments',
          records: [{ type: 'login', title: 'Stripe', fields: { login: 'acct-3390', password: 'sk_test_123456' } }],
        },
      ],
    },
    { name: 'Staging', records: [{ type: 'login', title: 'Redis', fields: { password: 'r3d1s-6619' } }] },
  ],
  apps: [{ name: 'ci', shares: [{ folder: 'Production', editable: true }, { folder: 'Staging' }] }],
};

describe('a real vault process', () => {
  let vault: TestVault;
  const secrets: string[] = [];
  const keys: Uint8Array[] = [];
  const newToken = async (extra: string[] = []): Promise<string> => {
    const { token } = await vault.admin(['client', 'add', '--app', 'ci', ...extra]);
    secrets.push(token);
    keys.push(base64Decode(token));
    return token;
  };
  const device = (token: string) => sdkDevice(token, vault.hostname, vault.serverPublicKey);

  beforeAll(async () => {
    vault = await startTestVault({ seed: SEED });
    trustVault(vault.dataDir);
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });

  it('serves the seeded records to the official SDK exactly as the owner wrote them', slow, async () => {
    const { options } = await device(await newToken());
    const { records, appData } = await ksm.getSecrets(options);
    expect(appData.type).toBe('app');
    const byTitle = Object.fromEntries(records.map((r) => [r.data.title, r.data]));
    expect(Object.keys(byTitle).sort()).toEqual(['Postgres', 'Redis', 'Stripe']);
    expect(await ksm.getNotationResults(options, 'Postgres/field/password')).toEqual(['s3cr3t!-pg-9917']);
    expect(await ksm.getNotationResults(options, 'Postgres/custom_field/Environment')).toEqual(['prod-env-5521']);
    expect(byTitle.Postgres?.notes).toBe('primary database notes 8812');
    expect(records.find((r) => r.data.title === 'Stripe')?.innerFolderUid).toBe(vault.seeded.folders.Payments);
    const folders = await ksm.getFolders(options);
    expect(folders.map((f) => f.name).sort()).toEqual(['Payments', 'Production', 'Staging']);
  });

  it('writes through the SDK, refuses read-only folders, and sees admin changes made while serving', slow, async () => {
    const { options } = await device(await newToken());
    await ksm.getSecrets(options); // binds (get_folders refuses unbound devices)
    await ksm.getFolders(options);
    const uid = await ksm.createSecret(options, vault.seeded.folders.Production as string, {
      title: 'Created by SDK',
      type: 'login',
      fields: [{ type: 'password', value: ['sdk-created-pw-4471'] }],
    });
    await ksm.getFolders(options);
    const refused = await sdkErrorBody(
      ksm.createSecret(options, vault.seeded.folders.Staging as string, { title: 'No', type: 'login', fields: [] }),
    );
    expect(refused.error).toBe('access_denied');
    const [created] = (await ksm.getSecrets(options, [uid])).records;
    if (created === undefined) throw new Error('created record missing');
    created.data.fields[0].value = ['sdk-updated-pw-5582'];
    await ksm.updateSecret(options, created);
    const content = new TextEncoder().encode('attachment-plaintext-6693');
    const [fresh] = (await ksm.getSecrets(options, [uid])).records;
    const fileUid = await ksm.uploadFile(options, fresh as ksm.KeeperRecord, {
      name: 'a.txt',
      title: 'A',
      data: content,
    });
    const file = (await ksm.getSecrets(options, [uid])).records[0]?.files?.find((f) => f.fileUid === fileUid);
    expect(new TextDecoder().decode(await ksm.downloadFile(file as ksm.KeeperFile))).toBe('attachment-plaintext-6693');
    await vault.admin(['record', 'update', 'Redis', '--field', 'password=admin-rotated-7704']);
    expect(await ksm.getNotationResults(options, 'Redis/field/password')).toEqual(['admin-rotated-7704']);
    expect((await ksm.deleteSecret(options, [uid])).records[0]?.responseCode).toBe('ok');
  });

  it('accepts `client add --config-init` configs (json and b64) through loadJsonConfig', slow, async () => {
    for (const format of ['json', 'b64']) {
      const out = await vault.admin(['client', 'add', '--app', 'ci', '--config-init', format]);
      const text = typeof out.config === 'string' ? out.config : JSON.stringify(out.config);
      const config = JSON.parse(format === 'b64' ? Buffer.from(text, 'base64').toString('utf8') : text);
      keys.push(base64Decode(config.appKey), base64Decode(config.privateKey));
      const { records } = await ksm.getSecrets({ storage: ksm.loadJsonConfig(text) });
      expect(records).toHaveLength(3);
    }
  });

  it('enforces one-time tokens, token expiry, IP lock, removal and access expiry', slow, async () => {
    const token = await newToken();
    await ksm.getSecrets((await device(token)).options);
    expect(await sdkErrorBody(ksm.getSecrets((await device(token)).options))).toEqual({
      error: 'access_denied',
      result_code: 'token_used',
      message: DENIALS.token_used,
    });

    const expiring = await newToken(['--first-access-expires-in-min', '0.0001']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await sdkErrorBody(ksm.getSecrets((await device(expiring)).options))).toEqual({
      error: 'access_denied',
      result_code: 'token_expired',
      message: DENIALS.token_expired,
    });

    trustVault(vault.dataDir, { localAddress: '127.0.0.1' });
    const locked = await device(await newToken());
    const unlocked = await device(await newToken(['--unlock-ip']));
    await ksm.getSecrets(locked.options);
    await ksm.getSecrets(unlocked.options);
    trustVault(vault.dataDir, { localAddress: '127.0.0.2' });
    expect(await sdkErrorBody(ksm.getSecrets(locked.options))).toEqual({
      error: 'access_denied',
      result_code: 'device_ip_locked',
      message: DENIALS.device_ip_locked,
    });
    expect((await ksm.getSecrets(unlocked.options)).records.length).toBeGreaterThan(0);
    trustVault(vault.dataDir);

    const removed = await device(await newToken(['--name', 'to-remove']));
    await ksm.getSecrets(removed.options);
    await vault.admin(['client', 'remove', (await removed.storage.getString('clientId')) as string]);
    expect(await sdkErrorBody(ksm.getSecrets(removed.options))).toEqual({
      error: 'access_denied',
      result_code: 'device_removed',
      message: DENIALS.device_removed,
    });

    const short = await device(await newToken(['--access-expire-in-min', '0.002']));
    await ksm.getSecrets(short.options);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sdkErrorBody(ksm.getSecrets(short.options))).toEqual({
      error: 'access_denied',
      result_code: 'device_expired',
      message: DENIALS.device_expired,
    });
  });

  it('stores no plaintext, token or key in the database files (zero knowledge)', slow, async () => {
    const plaintexts = [
      'app-login-7731',
      's3cr3t!-pg-9917',
      'postgres://db-host-4410:5432/app',
      'prod-env-5521',
      'primary database notes 8812',
      'acct-3390',
      'sk_test_123456',
      'r3d1s-6619',
      'sdk-created-pw-4471',
      'sdk-updated-pw-5582',
      'attachment-plaintext-6693',
      'admin-rotated-7704',
      'Created by SDK',
      'Postgres',
      'Stripe',
      'Redis',
      'Production',
      'Payments',
      'Staging',
      ...secrets,
    ];
    const needles = [
      ...plaintexts.map((text) => Buffer.from(text, 'utf8')),
      ...keys.flatMap((key) => [Buffer.from(key), Buffer.from(base64Encode(key)), Buffer.from(base64UrlEncode(key))]),
    ];
    // Checkpoint nothing: read the files as they are, WAL included, while the server runs.
    const files = readdirSync(vault.dataDir).filter((name) => name.startsWith('vault.db'));
    expect(files).toContain('vault.db');
    for (const name of files) {
      const bytes = readFileSync(join(vault.dataDir, name));
      for (const needle of needles) expect(bytes.includes(needle), `${name} holds a plaintext or key`).toBe(false);
    }
    // The scan can fail: a stored ciphertext is found the same way.
    const db = new BetterSqlite3(join(vault.dataDir, 'vault.db'), { readonly: true });
    const row = db.prepare('SELECT data FROM records LIMIT 1').get() as { data: Uint8Array };
    db.close();
    const all = Buffer.concat(files.map((name) => readFileSync(join(vault.dataDir, name))));
    expect(all.includes(Buffer.from(row.data))).toBe(true);
  });
});

describe('a real vault process with a small throttle', () => {
  it('throttles per client and endpoint; the SDK retries after retry_after and succeeds', slow, async () => {
    const vault = await startTestVault({ seed: SEED, throttle: { requests: 2, windowSeconds: 1 } });
    try {
      trustVault(vault.dataDir);
      const { token } = await vault.admin(['client', 'add', '--app', 'ci']);
      const delays: number[] = [];
      const throttleSleep = async (ms: number) => {
        delays.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      };
      const { options } = await sdkDevice(token, vault.hostname, vault.serverPublicKey, { throttleSleep });
      for (let i = 0; i < 3; i++) expect((await ksm.getSecrets(options)).records).toHaveLength(3);
      expect(delays.length).toBeGreaterThan(0);
    } finally {
      await vault.stop();
    }
  });
});
