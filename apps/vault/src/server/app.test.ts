// Wire-level tests of the hono app: §5.1.4 strictness, binding, lenient requests and §4.3 errors.
import {
  base64Decode,
  base64Encode,
  buildRequest,
  decryptResponse,
  generateEcKeyPair,
  generateRecordUid,
  importEcdhPrivateKey,
  importSigningKey,
} from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureVault, type FixtureVault } from '../interop/fixture-vault.test-support.js';
import { createApp } from './app.js';
import type { ServerContext } from './context.js';
import { deriveUrlSigningKey } from './file-urls.js';
import { createReplayCache } from './replay-cache.js';
import { createThrottle } from './throttle.js';

// biome-ignore lint/suspicious/noExplicitAny: decrypted wire JSON is inspected structurally by the assertions
type Wire = any;

const STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_B64 = /^[A-Za-z0-9_-]+$/;

describe('createApp', () => {
  let vault: FixtureVault;
  let app: ReturnType<typeof createApp>;
  let small: ReturnType<typeof createApp>;
  const logLines: string[] = [];
  const folders: Record<string, string> = {};
  let clientId: string;
  let device: Awaited<ReturnType<typeof generateEcKeyPair>>;

  beforeAll(async () => {
    vault = await createFixtureVault({ appTitle: 'wire app' });
    folders.root = await vault.addFolder('Root');
    folders.child = await vault.addFolder('Child', { parentUid: folders.root });
    folders.grandchild = await vault.addFolder('Grandchild', { parentUid: folders.child });
    folders.empty = await vault.addFolder('Empty', { share: 'read-only' });
    await vault.addRecord({ title: 'Deep', type: 'login', fields: [] }, { folderUid: folders.grandchild });
    await vault.addRecord({ title: 'Direct', type: 'login', fields: [] }, { direct: 'read-only' });
    const ctx: ServerContext = {
      db: vault.db,
      serverPrivateKey: await importEcdhPrivateKey(vault.serverKey.privateKey),
      ownerPublicKey: vault.ownerPublicKey,
      urlSigningKey: deriveUrlSigningKey(vault.serverKey.privateKey),
      throttle: createThrottle(),
      replay: createReplayCache(),
      now: () => Date.now(),
      fileUrlTtlSeconds: 60,
      maxUploadBytes: 1_000_000,
    };
    app = createApp(ctx, { clientIp: () => '127.0.0.1', log: (line) => logLines.push(line) });
    small = createApp(ctx, { clientIp: () => '127.0.0.1', maxRequestBytes: 16 });
    clientId = (await vault.addClient()).clientId;
    device = await generateEcKeyPair();
  }, 60_000);
  afterAll(() => vault?.db.close());

  async function call(
    endpoint: string,
    payload: Record<string, unknown>,
    options: { pretty?: boolean; headerCase?: 'lower' | 'upper' } = {},
  ) {
    const request = await buildRequest({
      payload: options.pretty ? JSON.parse(JSON.stringify(payload)) : payload,
      serverPublicKey: vault.serverKey.publicKey,
      serverPublicKeyId: vault.serverKey.keyId,
      signingKey: await importSigningKey(device.privateKey),
    });
    const names = { key: 'TransmissionKey', auth: 'Authorization', id: 'PublicKeyId' };
    const cased = (name: string) =>
      options.headerCase === 'lower' ? name.toLowerCase() : options.headerCase === 'upper' ? name.toUpperCase() : name;
    const response = await app.request(`/api/rest/sm/v1/${endpoint}`, {
      method: 'POST',
      headers: {
        [cased(names.key)]: request.transmissionKeyHeader,
        [cased(names.auth)]: request.authorizationHeader,
        [cased(names.id)]: request.publicKeyId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: request.body,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 200) return { status: response.status, json: JSON.parse(new TextDecoder().decode(bytes)) };
    return { status: 200, json: (await decryptResponse(request.responseKey, bytes)) as Wire };
  }

  it('binds once, returns every §5.1.4 key with strict encodings, and re-binds idempotently', async () => {
    const publicKey = base64Encode(device.publicKey);
    const first = await call('get_secret', { clientVersion: 'ms17.5.0', clientId, publicKey });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(
      [
        'appData',
        'appOwnerPublicKey',
        'encryptedAppKey',
        'expiresOn',
        'extra',
        'folders',
        'records',
        'warnings',
      ].sort(),
    );
    expect(first.json.encryptedAppKey).toMatch(STD);
    expect(base64Decode(first.json.encryptedAppKey)).toHaveLength(60);
    expect(first.json.appOwnerPublicKey).toBe(base64Encode(vault.ownerPublicKey));
    expect(first.json.appData).toMatch(URL_B64);
    const second = await call(
      'get_secret',
      { clientVersion: 'mp17.3.0', clientId, publicKey: null, requestedRecords: null },
      { headerCase: 'lower' },
    );
    expect(second.json.encryptedAppKey).toBeNull();
    expect(second.json.appOwnerPublicKey).toBeNull();
    expect(second.json.expiresOn).toBe(0);
    const again = await call('get_secret', { clientId, publicKey }, { headerCase: 'upper' });
    expect(again.json.encryptedAppKey).toBe(first.json.encryptedAppKey);
    const folder = second.json.folders.find((f: Wire) => f.folderUid === folders.root);
    expect(Object.keys(folder).sort()).toEqual(['data', 'folderKey', 'folderUid', 'isEditable', 'parent', 'records']);
    expect(folder.folderKey).toMatch(STD);
    const record = folder.records[0];
    expect(Object.keys(record).sort()).toEqual([
      'data',
      'files',
      'folderUid',
      'innerFolderUid',
      'isEditable',
      'recordKey',
      'recordUid',
      'revision',
    ]);
    expect(record.innerFolderUid).toBe(folders.grandchild);
    expect(record.recordKey).toMatch(STD);
    expect(record.data).toMatch(STD);
    expect(second.json.folders.find((f: Wire) => f.folderUid === folders.empty)).toMatchObject({
      records: [],
      isEditable: false,
    });
    expect(second.json.records).toHaveLength(1);
  });

  it('lists folders ancestors first with CBC sub-folder keys', async () => {
    const { json } = await call('get_folders', { clientId });
    const order = json.folders.map((f: Wire) => f.folderUid);
    expect(order).toEqual([folders.root, folders.child, folders.grandchild, folders.empty]);
    expect(json.folders.map((f: Wire) => f.parent)).toEqual([null, folders.root, folders.child, null]);
    for (const folder of json.folders) expect(folder.data).toMatch(STD);
    expect(json.records).toBeNull();
  });

  it('answers §4.3 plain-JSON errors', async () => {
    expect(await call('get_files', { clientId })).toEqual({
      status: 400,
      json: { error: 'bad_request', message: 'Unknown endpoint' },
    });
    const unknown = await call('get_secret', { clientId: 'nope' });
    expect(unknown).toEqual({
      status: 403,
      json: { error: 'access_denied', result_code: 'invalid_client', message: 'Unable to validate application access' },
    });
    const missing = await app.request('/api/rest/sm/v1/get_secret', { method: 'POST', body: new Uint8Array(10) });
    expect(missing.status).toBe(403);
    const readOnly = await call('create_secret', {
      clientId,
      recordUid: generateRecordUid(),
      folderUid: folders.empty,
      folderKey: 'AAAA',
      recordKey: base64Encode(new Uint8Array(125).fill(4)),
      data: 'AAAA',
    });
    expect(readOnly).toMatchObject({ status: 403, json: { error: 'access_denied' } });
  });

  it('accepts Python-style payloads: pretty JSON, nulls and std base64', async () => {
    const { json } = await call(
      'get_secret',
      { clientId, requestedFolders: [folders.child], requestedRecords: null, requestLinks: true },
      { pretty: true },
    );
    expect(json.folders).toHaveLength(0);
    const deep = await call('get_secret', { clientId, requestedFolders: [folders.grandchild], requestLinks: true });
    expect(deep.json.folders[0].records[0].links).toEqual([]);
    expect(deep.json.records).toEqual([]);
  });

  it('refuses oversized bodies and logs requests without query strings or payloads', async () => {
    const big = await small.request('/api/rest/sm/v1/get_secret', { method: 'POST', body: new Uint8Array(17) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
    await app.request('/api/rest/sm/v1/files/x/content?expires=1&sig=capability', { method: 'GET' });
    expect(
      logLines.some((line) => /^[0-9a-f]{12} POST \/api\/rest\/sm\/v1\/get_secret 200 [\d.]+ms ms17\.5\.0$/.test(line)),
    ).toBe(true);
    expect(logLines.some((line) => / GET \/api\/rest\/sm\/v1\/files\/x\/content 403 /.test(line))).toBe(true);
    expect(logLines.join('\n')).not.toContain('capability');
  });
});
