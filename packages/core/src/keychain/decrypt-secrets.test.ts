import { describe, expect, it } from 'vitest';
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { corruptedResponse, OTHER, record, SHARED, SUB, sampleApp } from '../test-support/secrets-scenarios.js';
import { buildTestApp } from '../test-support/test-app.js';
import { decryptSecrets } from './decrypt-secrets.js';
import { createOneTimeToken } from './owner.js';
import type { DecryptedRecord, DecryptedSharedFolder } from './record-types.js';
import type { WireRecord } from './wire-types.js';

describe('decryptSecrets', () => {
  it('decrypts direct shares, shared-folder and sub-folder records, files and app data', async () => {
    const app = await sampleApp();
    const secrets = await decryptSecrets(app.getSecretResponse(), { appKey: app.appKey });
    expect(secrets.skipped).toEqual([]);
    expect(secrets.appData).toEqual({ title: 'My App', type: 'app' });
    expect(secrets.appKey).toBeNull();
    expect(secrets.folders.map((f) => f.folderUid)).toEqual([SHARED, OTHER]);
    expect(secrets.records.map((r) => [r.recordUid, r.folderUid, r.innerFolderUid])).toEqual([
      ['DIRECTrecordAAAAAAAAAA', null, null],
      ['FOLDERrecordAAAAAAAAAA', SHARED, null],
      ['SUBrecordAAAAAAAAAAAAA', SHARED, SUB],
      ['OTHERrecordAAAAAAAAAAA', OTHER, null],
    ]);
    const [direct, inShared, inSub] = secrets.records;
    // raw JSON kept: unknown keys at every level survive
    expect(direct?.data).toEqual(record('direct', { vendorField: [1, 2] }));
    expect(inShared?.revision).toBe(42);
    expect(inSub?.isEditable).toBe(false);
    expect(inSub?.files.map((f) => [f.fileUid, f.metadata.name, f.url])).toEqual([
      ['FILEaaaaaaaaaaaaaaaaaa', 'a.txt', 'https://files.ksmkit.test/FILEaaaaaaaaaaaaaaaaaa'],
      ['FILEbbbbbbbbbbbbbbbbbb', 'b.bin', 'https://files.ksmkit.test/FILEbbbbbbbbbbbbbbbbbb'],
    ]);
    // the file key opens the download
    const file = inSub?.files[0];
    const blob = app.downloads.get(file?.url ?? '') as Uint8Array<ArrayBuffer>;
    expect(utf8Decode(await gcmDecrypt(file?.fileKey as CryptoKey, blob))).toBe('hello');
  });

  it('returns non-extractable record keys that still encrypt updates the owner can read', async () => {
    const app = await sampleApp();
    const secrets = await decryptSecrets(app.getSecretResponse(), { appKey: app.appKey });
    const target = secrets.records[1] as DecryptedRecord;
    expect(target.recordKey).toBeInstanceOf(CryptoKey);
    expect((target.recordKey as CryptoKey).extractable).toBe(false);
    const update = await gcmEncrypt(target.recordKey, utf8Encode('{"title":"new"}'));
    const ownerKey = app.recordKeys.get(target.recordUid) as Uint8Array<ArrayBuffer>;
    expect(utf8Decode(await gcmDecrypt(ownerKey, update))).toBe('{"title":"new"}');
    // folder keys work in both modes the protocol uses
    const { folderKey } = secrets.folders[0] as DecryptedSharedFolder;
    expect((folderKey.gcm as CryptoKey).algorithm.name).toBe('AES-GCM');
    expect((folderKey.cbc as CryptoKey).algorithm.name).toBe('AES-CBC');
  });

  it('binds: unwraps encryptedAppKey with the client key and reports the app key to store', async () => {
    const app = await sampleApp();
    const token = await createOneTimeToken(app.appKey);
    const response = app.getSecretResponse({
      binding: { encryptedAppKey: base64Encode(token.encryptedAppKey), appOwnerPublicKey: 'BOwner==' },
    });
    const secrets = await decryptSecrets(response, { clientKey: base64Decode(token.token) });
    expect(secrets.appKey).toEqual(app.appKey);
    expect(secrets.appOwnerPublicKey).toBe('BOwner==');
    expect(secrets.records).toHaveLength(4);
  });

  it('throws when no app key is available, or the binding key does not open', async () => {
    const app = await sampleApp();
    await expect(decryptSecrets(app.getSecretResponse(), {})).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_KEY'),
    );
    const token = await createOneTimeToken(app.appKey);
    const response = app.getSecretResponse({
      binding: { encryptedAppKey: base64Encode(token.encryptedAppKey), appOwnerPublicKey: 'x' },
    });
    await expect(decryptSecrets(response, { clientKey: new Uint8Array(32) })).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_DECRYPT_FAILED'),
    );
    await expect(decryptSecrets('nope', { appKey: app.appKey })).rejects.toSatisfy((e) =>
      isKsmError(e, 'ERR_INVALID_INPUT'),
    );
  });

  it('applies the KSM-753 fallback: a top-level record wrapped by the folder it names', async () => {
    const app = await buildTestApp({
      folders: [{ folderUid: SHARED, name: 'Shared' }],
      records: [
        { recordUid: 'KSM753recordAAAAAAAAAA', data: record('commander'), folderUid: SHARED, shape: 'ksm-753' },
        { recordUid: 'DIRECTrecordAAAAAAAAAA', data: record('direct') },
      ],
    });
    const response = app.getSecretResponse();
    expect(response.records?.map((r) => r.innerFolderUid)).toEqual([SHARED, null]);
    expect(response.folders?.[0]?.records).toEqual([]);
    const secrets = await decryptSecrets(response, { appKey: app.appKey });
    expect(secrets.skipped).toEqual([]);
    expect(secrets.records.map((r) => [r.recordUid, r.data.title, r.folderUid])).toEqual([
      ['KSM753recordAAAAAAAAAA', 'commander', null],
      ['DIRECTrecordAAAAAAAAAA', 'direct', null],
    ]);
  });

  it('skips, not fails, a corrupted record, a corrupted file, a bad folder and malformed entries', async () => {
    const { app, response } = await corruptedResponse();
    const secrets = await decryptSecrets(response, { appKey: app.appKey });
    expect(secrets.records.map((r) => r.recordUid)).toEqual(['FOLDERrecordAAAAAAAAAA', 'SUBrecordAAAAAAAAAAAAA']);
    expect(secrets.records[1]?.files.map((f) => f.fileUid)).toEqual(['FILEbbbbbbbbbbbbbbbbbb']);
    const sorted = [...secrets.skipped].sort((a, b) => `${a.kind}${a.uid}`.localeCompare(`${b.kind}${b.uid}`));
    expect(sorted).toEqual([
      { kind: 'file', uid: 'FILEaaaaaaaaaaaaaaaaaa', parentUid: 'SUBrecordAAAAAAAAAAAAA', code: 'ERR_DECRYPT_FAILED' },
      { kind: 'folder', uid: OTHER, parentUid: null, code: 'ERR_DECRYPT_FAILED' },
      { kind: 'record', uid: 'DIRECTrecordAAAAAAAAAA', parentUid: null, code: 'ERR_DECRYPT_FAILED' },
      { kind: 'record', uid: 'NOKEYrecordAAAAAAAAAAA', parentUid: null, code: 'ERR_INVALID_RECORD' },
      { kind: 'record', uid: 'NOTJSONrecordAAAAAAAAA', parentUid: SHARED, code: 'ERR_INVALID_RECORD' },
      { kind: 'record', uid: null, parentUid: null, code: 'ERR_INVALID_RECORD' },
    ]);
  });

  it('keeps duplicates (no de-duplication) and passes expiresOn, warnings, extra and links through', async () => {
    const app = await buildTestApp({
      folders: [{ folderUid: SHARED, name: 'Shared' }],
      records: [
        {
          recordUid: 'SAMErecordAAAAAAAAAAAA',
          data: record('x'),
          links: [{ recordUid: 'SAMErecordAAAAAAAAAAAA', path: 'meta' }],
        },
      ],
    });
    const response = app.getSecretResponse();
    const copy = { ...(response.records?.[0] as WireRecord) };
    response.records?.push(copy);
    response.expiresOn = 1_900_000_000_000;
    response.warnings = ['w1'];
    response.extra = { logo: 'x' };
    const secrets = await decryptSecrets(response, { appKey: app.appKey });
    expect(secrets.records.map((r) => r.recordUid)).toEqual(['SAMErecordAAAAAAAAAAAA', 'SAMErecordAAAAAAAAAAAA']);
    expect(secrets.records[0]?.links).toEqual([{ recordUid: 'SAMErecordAAAAAAAAAAAA', path: 'meta' }]);
    expect(secrets.expiresOn).toBe(1_900_000_000_000);
    expect(secrets.warnings).toEqual(['w1']);
    expect(secrets.extra).toEqual({ logo: 'x' });
  });
});
