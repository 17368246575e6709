// Differential (Node): the official JS SDK 17.5.0 and ksmkit on the same real vault read the same records,
// folders and notation results, and each reads what the other wrote (records, files, folders).
import { readFileSync } from 'node:fs';
import * as ksm from '@keeper-security/secrets-manager-core';
import {
  createClient,
  createMemoryStorage,
  getFieldValue,
  initializeConfig,
  type KsmClient,
  OpaqueAesKey,
  parseDeviceConfig,
  readDeviceConfig,
  serializeDeviceConfig,
  utf8Decode,
  utf8Encode,
  writeDeviceConfig,
} from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { CLIENT_SEED } from '@ksmkit/test-support/client-seed';
import { trustVaultInOfficialSdk } from '@ksmkit/test-support/official-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCipher } from './node-cipher.js';
import { createNodeFetch } from './node-fetch.js';

const slow = { timeout: 120_000 };

// Once as core ships (WebCrypto) and once as Node tools run it (the node:crypto cipher backend, opaque keys).
const ciphers = [
  ['WebCrypto', undefined],
  ['nodeCipher', nodeCipher],
] as const;

describe.each(ciphers)('ksmkit client (%s) vs the official SDK on one vault', (_, cipher) => {
  let vault: TestVault;
  let ours: KsmClient;
  let sdk: ksm.SecretManagerOptions;
  let ca: string;
  let ourStorage: ReturnType<typeof createMemoryStorage>;

  beforeAll(async () => {
    vault = await startTestVault({ seed: CLIENT_SEED });
    ca = readFileSync(vault.caCertPath as string, 'utf8');
    trustVaultInOfficialSdk(vault.caCertPath as string);
    const mine = await vault.admin(['client', 'add', '--app', 'ci']);
    const storage = createMemoryStorage();
    ourStorage = storage;
    await initializeConfig(storage, mine.token, {
      hostname: vault.hostname,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: vault.serverPublicKeyId,
    });
    ours = createClient({ storage, fetch: createNodeFetch({ ca }), cipher });
    const theirs = await vault.admin(['client', 'add', '--app', 'ci']);
    const sdkStorage = ksm.inMemoryStorage({});
    await ksm.initializeStorage(sdkStorage, theirs.token, vault.hostname);
    sdk = {
      storage: sdkStorage,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: String(vault.serverPublicKeyId),
    };
  }, 120_000);
  afterAll(async () => {
    await vault?.stop();
  });

  async function sameSecrets() {
    const [mine, theirs] = await Promise.all([ours.getSecrets(), ksm.getSecrets(sdk)]);
    const view = (r: {
      recordUid: string;
      data: unknown;
      revision: number;
      folderUid?: string | null;
      innerFolderUid?: string | null;
    }) => ({
      recordUid: r.recordUid,
      data: r.data,
      revision: r.revision,
      folderUid: r.folderUid ?? null,
      innerFolderUid: r.innerFolderUid ?? null,
    });
    const sort = <T extends { recordUid: string }>(list: T[]) =>
      [...list].sort((a, b) => a.recordUid.localeCompare(b.recordUid));
    expect(sort(mine.records.map(view))).toEqual(sort(theirs.records.map(view)));
    expect(mine.appData).toEqual(theirs.appData);
    const files = (list: { files?: readonly { fileUid: string }[] }[]) =>
      list.flatMap((r) => (r.files ?? []).map((f) => f.fileUid)).sort();
    expect(files(mine.records)).toEqual(files(theirs.records));
    return { mine, theirs };
  }

  it('returns the same records, files, app data and folders', slow, async () => {
    const { mine } = await sameSecrets();
    expect(mine.records.length).toBe(5);
    // the backend really opened them: its keys are opaque handles, WebCrypto's are CryptoKeys
    const keyType = cipher === undefined ? CryptoKey : OpaqueAesKey;
    expect(mine.records.every((r) => r.recordKey instanceof keyType)).toBe(true);
    const [myFolders, theirFolders] = await Promise.all([ours.getFolders(), ksm.getFolders(sdk)]);
    const view = (f: { folderUid: string; parentUid?: string | null; name?: string }) => ({
      folderUid: f.folderUid,
      parentUid: f.parentUid ?? null,
      name: f.name ?? '',
    });
    expect(myFolders.folders.map(view)).toEqual(theirFolders.map(view));
  });

  it('resolves notation identically', slow, async () => {
    const uid = vault.seeded.records.Postgres as string;
    const notations = [
      `keeper://${uid}/field/password`,
      'keeper://Postgres/field/login',
      'keeper://Postgres/custom_field/Environment',
      'keeper://Postgres/type',
      'keeper://Postgres/notes',
      'keeper://Stripe/field/password[0]',
      'keeper://Postgres/file/ca.pem',
    ];
    for (const notation of notations) {
      expect(await ours.getNotationResults(notation), notation).toEqual(await ksm.getNotationResults(sdk, notation));
    }
  });

  it('each reads the records the other created and updated', slow, async () => {
    const ops = vault.seeded.folders.Ops as string;
    const payments = vault.seeded.folders.Payments as string;
    const fromSdk = await ksm.createSecret2(
      sdk,
      { folderUid: ops, subFolderUid: payments },
      {
        title: 'From SDK',
        type: 'login',
        fields: [{ type: 'password', value: ['sdk-pw'] }],
      },
    );
    const fromUs = await ours.createSecret({
      folderUid: payments,
      data: { title: 'From ksmkit', type: 'login', fields: [{ type: 'password', value: ['our-pw'] }] },
    });
    const [theirView] = (await ksm.getSecrets(sdk, [fromUs])).records;
    expect(theirView?.data.fields[0].value).toEqual(['our-pw']);
    expect(theirView?.innerFolderUid).toBe(payments);
    const [ourView] = (await ours.getSecrets({ uids: [fromSdk] })).records;
    expect(ourView && getFieldValue(ourView.data, 'password')).toBe('sdk-pw');

    if (ourView === undefined || theirView === undefined) throw new Error('missing');
    await ours.updateSecret(ourView, { data: { ...ourView.data, title: 'From SDK (edited by ksmkit)' } });
    theirView.data.title = 'From ksmkit (edited by SDK)';
    await ksm.updateSecret(sdk, theirView);
    await sameSecrets();
    expect((await ksm.getSecrets(sdk, [fromSdk])).records[0]?.data.title).toBe('From SDK (edited by ksmkit)');
    expect((await ours.getSecrets({ uids: [fromUs] })).records[0]?.data.title).toBe('From ksmkit (edited by SDK)');
  });

  it('each downloads the files the other uploaded', slow, async () => {
    const uid = vault.seeded.records.Loose as string;
    const [sdkRecord] = (await ksm.getSecrets(sdk, [uid])).records;
    if (sdkRecord === undefined) throw new Error('missing');
    const sdkFile = await ksm.uploadFile(sdk, sdkRecord, {
      name: 'sdk.txt',
      title: 'SDK',
      type: 'text/plain',
      data: utf8Encode('from sdk'),
    });
    const [ourRecord] = (await ours.getSecrets({ uids: [uid] })).records;
    if (ourRecord === undefined) throw new Error('missing');
    const ourFileUid = await ours.uploadFile(ourRecord, { name: 'ours.txt', content: utf8Encode('from ksmkit') });

    const [mine] = (await ours.getSecrets({ uids: [uid] })).records;
    const theirsUpload = mine?.files.find((f) => f.fileUid === sdkFile);
    if (theirsUpload === undefined) throw new Error('SDK file not visible');
    expect(theirsUpload.metadata).toMatchObject({ name: 'sdk.txt', title: 'SDK' });
    expect(utf8Decode(await ours.downloadFile(theirsUpload))).toBe('from sdk');

    const [theirs] = (await ksm.getSecrets(sdk, [uid])).records;
    const ourUpload = theirs?.files?.find((f) => f.fileUid === ourFileUid);
    if (ourUpload === undefined) throw new Error('ksmkit file not visible');
    expect(ourUpload.data.name).toBe('ours.txt');
    expect(new TextDecoder().decode(await ksm.downloadFile(ourUpload))).toBe('from ksmkit');
  });

  it('each sees the folders the other created and renamed', slow, async () => {
    const ops = vault.seeded.folders.Ops as string;
    // The SDK needs its process-wide key cache primed by get_folders first (spec §8.2); ksmkit does not.
    await ksm.getFolders(sdk);
    const fromSdk = await ksm.createFolder(sdk, { folderUid: ops }, 'SDK folder');
    const fromUs = await ours.createFolder({ parentUid: ops, name: 'ksmkit folder' });
    await ksm.getFolders(sdk);
    await ksm.updateFolder(sdk, fromUs, 'ksmkit folder (renamed by SDK)');
    await ours.updateFolder(fromSdk, 'SDK folder (renamed by ksmkit)');
    const names = new Map((await ksm.getFolders(sdk)).map((f) => [f.folderUid, f.name]));
    expect(names.get(fromSdk)).toBe('SDK folder (renamed by ksmkit)');
    const ourNames = new Map((await ours.getFolders()).folders.map((f) => [f.folderUid, f.name]));
    expect(ourNames.get(fromUs)).toBe('ksmkit folder (renamed by SDK)');
    expect(ourNames.get(fromSdk)).toBe('SDK folder (renamed by ksmkit)');
  });

  it('uses a config bound by the SDK, and the SDK uses a config bound by ksmkit', slow, async () => {
    const sdkBound = await parseDeviceConfig(await exportSdkConfig());
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, sdkBound);
    const fromSdkConfig = createClient({ storage, fetch: createNodeFetch({ ca }), cipher });
    expect((await fromSdkConfig.getSecrets()).records.length).toBe((await ours.getSecrets()).records.length);

    const text = serializeDeviceConfig(await readDeviceConfig(ourStorage), { format: 'base64' });
    const options = {
      storage: ksm.loadJsonConfig(text),
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: '20',
    };
    const theirs = await ksm.getSecrets(options);
    expect(theirs.records.map((r) => r.recordUid).sort()).toEqual(
      (await ours.getSecrets()).records.map((r) => r.recordUid).sort(),
    );
  });

  async function exportSdkConfig(): Promise<string> {
    const record: Record<string, string> = {};
    for (const key of ['hostname', 'clientId', 'privateKey', 'appKey', 'appOwnerPublicKey', 'serverPublicKeyId']) {
      const value = await sdk.storage.getString(key);
      if (value !== undefined) record[key] = value;
    }
    // The SDK got the custom key as an option; a config file for a self-hosted server carries it (spec §2.1).
    record.serverPublicKey ??= vault.serverPublicKey;
    return JSON.stringify(record);
  }
});
