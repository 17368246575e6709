import { describe, expect, it } from 'vitest';
import { cbcDecrypt } from '../crypto/aes-cbc.js';
import { gcmDecrypt } from '../crypto/aes-gcm.js';
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair } from '../crypto/ec-keys.js';
import { publicDecrypt } from '../crypto/ecies.js';
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { isUid } from '../uid.js';
import {
  createOneTimeToken,
  encryptAppData,
  encryptFileContent,
  encryptFolderData,
  encryptRecordData,
  wrapKey,
  wrapSubFolderKey,
} from './owner.js';
import { createFile, createRecord } from './owner-records.js';

const json = (bytes: Uint8Array) => JSON.parse(utf8Decode(bytes)) as unknown;

describe('createOneTimeToken', () => {
  it('makes a 43-character url token whose clientId and encryptedAppKey follow §2.3/§3.6', async () => {
    const appKey = new Uint8Array(32).fill(3);
    const token = await createOneTimeToken(appKey);
    expect(token.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base64Decode(token.token)).toEqual(token.clientKey);
    expect(token.clientId).toBe(await computeClientId(token.clientKey));
    expect(token.encryptedAppKey.length).toBe(60);
    expect(await gcmDecrypt(token.clientKey, token.encryptedAppKey)).toEqual(appKey);
    expect((await createOneTimeToken(appKey)).token).not.toBe(token.token);
  });
});

describe('key wrapping and data encryption', () => {
  const appKey = new Uint8Array(32).fill(1);
  const folderKey = new Uint8Array(32).fill(2);
  const subKey = new Uint8Array(32).fill(4);

  it('wraps with GCM (60 bytes) and sub-folder keys with CBC (64 bytes)', async () => {
    const wrapped = await wrapKey(appKey, folderKey);
    expect(wrapped.length).toBe(60);
    expect(await gcmDecrypt(appKey, wrapped)).toEqual(folderKey);
    const cbc = await wrapSubFolderKey(folderKey, subKey);
    expect(cbc.length).toBe(64);
    expect(await cbcDecrypt(folderKey, cbc)).toEqual(subKey);
  });

  it('encrypts record, folder, app data and file content', async () => {
    const data = { title: 't', type: 'login', fields: [], custom: [], extra: { keep: 1 } };
    expect(json(await gcmDecrypt(folderKey, await encryptRecordData(folderKey, data)))).toEqual(data);
    expect(json(await cbcDecrypt(subKey, await encryptFolderData(subKey, { name: 'N' })))).toEqual({ name: 'N' });
    expect(json(await gcmDecrypt(appKey, await encryptAppData(appKey, { title: 'A', type: 'app' })))).toEqual({
      title: 'A',
      type: 'app',
    });
    const content = await encryptFileContent(subKey, utf8Encode('abc'));
    expect(content.length).toBe(3 + 28);
    expect(utf8Decode(await gcmDecrypt(subKey, content))).toBe('abc');
  });
});

describe('createRecord / createFile', () => {
  it('creates a record wrapped for a folder and, via ECIES, for the owner', async () => {
    const owner = await generateEcKeyPair();
    const folderKey = new Uint8Array(32).fill(5);
    const data = { title: 'New', type: 'login', fields: [{ type: 'login', value: ['u'] }] };
    const record = await createRecord({ data, wrappingKey: folderKey, ownerPublicKey: owner.publicKey });
    expect(isUid(record.recordUid)).toBe(true);
    expect(await gcmDecrypt(folderKey, record.wrappedRecordKey)).toEqual(record.recordKey);
    expect(record.ownerRecordKey?.length).toBe(125);
    expect(await publicDecrypt(record.ownerRecordKey as Uint8Array<ArrayBuffer>, owner.privateKey)).toEqual(
      record.recordKey,
    );
    expect(json(await gcmDecrypt(record.recordKey, record.encryptedData))).toEqual(data);
    const direct = await createRecord({ data, wrappingKey: folderKey, recordUid: 'GIVENuidAAAAAAAAAAAAAA' });
    expect(direct.recordUid).toBe('GIVENuidAAAAAAAAAAAAAA');
    expect(direct.ownerRecordKey).toBeNull();
    expect(direct.recordKey).not.toEqual(record.recordKey);
  });

  it('creates a file whose link key, owner key, metadata and content all open', async () => {
    const owner = await generateEcKeyPair();
    const recordKey = new Uint8Array(32).fill(6);
    const file = await createFile({
      recordKey,
      metadata: { name: 'x.txt', size: 2, title: 'X', type: 'text/plain', lastModified: 1 },
      content: utf8Encode('hi'),
      ownerPublicKey: owner.publicKey,
    });
    expect(isUid(file.fileUid)).toBe(true);
    expect(await gcmDecrypt(recordKey, file.linkKey)).toEqual(file.fileKey);
    expect(await publicDecrypt(file.ownerFileKey as Uint8Array<ArrayBuffer>, owner.privateKey)).toEqual(file.fileKey);
    expect(json(await gcmDecrypt(file.fileKey, file.encryptedMetadata))).toEqual({
      name: 'x.txt',
      size: 2,
      title: 'X',
      type: 'text/plain',
      lastModified: 1,
    });
    expect(file.encryptedContent.length).toBe(30);
    expect(utf8Decode(await gcmDecrypt(file.fileKey, file.encryptedContent))).toBe('hi');
  });
});
