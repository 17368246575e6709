// Interop: throttling with the SDK's retry, pre-bound configs (JSON and base64), and Python-style uploads.
import * as ksm from '@keeper-security/secrets-manager-core';
import { base64Encode, generateEcKeyPair } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/serve.js';
import { createFixtureVault, type FixtureVault } from './fixture-vault.test-support.js';
import { httpsPost, sdkDevice, trustVault } from './sdk.test-support.js';

const slow = { timeout: 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const record = (title: string) => ({ title, type: 'login', fields: [{ type: 'password', value: [`${title}-pw`] }] });

describe('throttling', () => {
  let vault: FixtureVault;
  let server: RunningServer;
  beforeAll(async () => {
    vault = await createFixtureVault({ throttle: { requests: 3, windowSeconds: 1 } });
    await vault.addRecord(record('Throttled'), { folderUid: await vault.addFolder('F') });
    server = await startServer({ dataDir: vault.dataDir, port: 0 });
    trustVault(vault.dataDir);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    vault?.db.close();
  });

  it('answers 403 throttled with retry_after, which the SDK waits out and retries', slow, async () => {
    const delays: number[] = [];
    // Sleep exactly what the SDK asks for: retry_after (2 s for a 1 s window) with its ±25 % jitter.
    const throttleSleep = async (ms: number) => {
      delays.push(ms);
      await sleep(ms);
    };
    const { token } = await vault.addClient();
    const device = await sdkDevice(token, server.hostname, vault.serverKey.publicKeyText, { throttleSleep });
    for (let i = 0; i < 6; i++) expect((await ksm.getSecrets(device.options)).records).toHaveLength(1);
    expect(delays.length).toBeGreaterThan(0);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1500);
      expect(delay).toBeLessThanOrEqual(2500);
    }
  });

  it('gives up with KeeperThrottleError when the client never waits', slow, async () => {
    const { token } = await vault.addClient();
    let sleeps = 0;
    const device = await sdkDevice(token, server.hostname, vault.serverKey.publicKeyText, {
      throttleSleep: async () => {
        sleeps += 1;
      },
    });
    await ksm.getSecrets(device.options); // binds (get_secret ×2); get_folders has its own window
    await expect(async () => {
      for (let i = 0; i < 10; i++) await ksm.getFolders(device.options);
    }).rejects.toBeInstanceOf(ksm.KeeperThrottleError);
    expect(sleeps).toBe(5);
  });
});

describe('pre-bound configs and uploads', () => {
  let vault: FixtureVault;
  let server: RunningServer;
  let folderUid: string;
  beforeAll(async () => {
    vault = await createFixtureVault();
    folderUid = await vault.addFolder('Configs');
    await vault.addRecord(record('Configured'), { folderUid });
    server = await startServer({ dataDir: vault.dataDir, port: 0 });
    trustVault(vault.dataDir);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    vault?.db.close();
  });

  /** What `client add --config-init` produces: a device bound at creation, its config ready to use. */
  async function boundConfig(): Promise<Record<string, string>> {
    const { clientId } = await vault.addClient();
    const pair = await generateEcKeyPair();
    vault.db
      .prepare('UPDATE clients SET public_key = ?, bound_at = ? WHERE client_id = ?')
      .run(pair.publicKey, Date.now(), clientId);
    return {
      hostname: server.hostname,
      clientId,
      privateKey: base64Encode(pair.privateKey),
      appKey: base64Encode(vault.appKey),
      appOwnerPublicKey: base64Encode(vault.ownerPublicKey),
      serverPublicKey: vault.serverKey.publicKeyText,
      serverPublicKeyId: String(vault.serverKey.keyId),
    };
  }

  it('accepts a bound config loaded as JSON and as base64 through loadJsonConfig', slow, async () => {
    const json = JSON.stringify(await boundConfig());
    const b64 = Buffer.from(JSON.stringify(await boundConfig())).toString('base64');
    for (const text of [json, b64]) {
      const { records } = await ksm.getSecrets({ storage: ksm.loadJsonConfig(text) });
      expect(records.map((r) => r.data.title)).toEqual(['Configured']);
    }
  });

  it('accepts a Content-Length upload whose file part has a filename (Python requests style)', slow, async () => {
    const { token } = await vault.addClient();
    const device = await sdkDevice(token, server.hostname, vault.serverKey.publicKeyText);
    const owner = (await ksm.getSecrets(device.options)).records[0] as ksm.KeeperRecord;
    // Let the SDK run add_file, but capture its upload and replay it Python-style.
    const captured: { url: string; parameters: Record<string, string>; data: Uint8Array }[] = [];
    const originalUpload = ksm.platform.fileUpload;
    ksm.platform.fileUpload = async (url, parameters, data) => {
      captured.push({ url, parameters, data: data as Uint8Array });
      return { statusCode: 201, statusMessage: 'Created', data: new Uint8Array(0) };
    };
    try {
      await ksm.uploadFile(device.options, owner, { name: 'a.bin', title: 'A', data: new Uint8Array([1, 2, 3]) });
    } finally {
      ksm.platform.fileUpload = originalUpload;
    }
    const upload = captured[0];
    if (upload === undefined) throw new Error('no upload captured');
    const boundary = 'pyboundary1234';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(upload.parameters)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.from(upload.data), Buffer.from(`\r\n--${boundary}--\r\n`));
    const body = Buffer.concat(parts);
    const headers = {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.length),
    };
    expect((await httpsPost(upload.url, vault.dataDir, body, headers)).status).toBe(201);
    // The credential works once.
    expect((await httpsPost(upload.url, vault.dataDir, body, headers)).status).toBe(403);
    const file = (await ksm.getSecrets(device.options)).records[0]?.files?.[0];
    expect([...(await ksm.downloadFile(file as ksm.KeeperFile))]).toEqual([1, 2, 3]);
  });
});
