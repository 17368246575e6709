// The key chain with a cipher backend (node:crypto here) gives exactly what the WebCrypto path gives, with opaque keys.
import { createDecipheriv } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cbcDecrypt, cbcEncrypt } from '../crypto/aes-cbc.js';
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import type { CipherBackend } from '../crypto/cipher-backend.js';
import { OpaqueAesKey } from '../crypto/opaque-aes-key.js';
import { base64Encode } from '../encoding/base64.js';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { corruptedResponse, record, SHARED, sampleApp } from '../test-support/secrets-scenarios.js';
import { buildTestApp } from '../test-support/test-app.js';
import { type DecryptedSecrets, decryptSecrets } from './decrypt-secrets.js';
import { wrapKey } from './owner.js';
import type { DecryptedRecord } from './record-types.js';

/** A node:crypto backend that counts its calls, so the tests can see the records went through it. */
function countingCipher(): CipherBackend & { calls: number } {
  return {
    calls: 0,
    gcmDecrypt(key, data) {
      this.calls += 1;
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = decipher.update(data.subarray(12, data.length - 16));
      decipher.final();
      return new Uint8Array(plain);
    },
  };
}

/** Everything but the keys, to compare both paths. */
function withoutKeys(secrets: DecryptedSecrets) {
  const byKind = (a: { kind: string; uid: string | null }, b: { kind: string; uid: string | null }) =>
    `${a.kind}${a.uid}`.localeCompare(`${b.kind}${b.uid}`);
  return {
    records: secrets.records.map(({ recordKey: _, files, ...rest }) => ({
      ...rest,
      files: files.map(({ fileKey: __, ...file }) => file),
    })),
    folders: secrets.folders.map(({ folderKey: _, ...rest }) => rest),
    appData: secrets.appData,
    skipped: [...secrets.skipped].sort(byKind),
  };
}

async function bothPaths(response: unknown, appKey: Uint8Array<ArrayBuffer>) {
  const cipher = countingCipher();
  const web = await decryptSecrets(structuredClone(response), { appKey });
  const fast = await decryptSecrets(structuredClone(response), { appKey }, { cipher });
  return { web, fast, cipher };
}

describe('decryptSecrets with a cipher backend', () => {
  it('returns the same records, files, folders and app data as WebCrypto, through the backend', async () => {
    const app = await sampleApp();
    const { web, fast, cipher } = await bothPaths(app.getSecretResponse(), app.appKey);
    expect(withoutKeys(fast)).toEqual(withoutKeys(web));
    expect(fast.records).toHaveLength(4);
    // everything goes through the backend: app data, two shared folder keys, two calls a record (key, data)
    // and two a file (key, metadata)
    expect(cipher.calls).toBe(1 + 2 + 4 * 2 + 2 * 2);
  });

  it('skips exactly what WebCrypto skips: corrupted record, file and folder keys, malformed entries', async () => {
    const { app, response } = await corruptedResponse();
    const { web, fast } = await bothPaths(response, app.appKey);
    expect(withoutKeys(fast)).toEqual(withoutKeys(web));
    expect(fast.skipped).toHaveLength(6);
  });

  it('applies the KSM-753 fallback and rejects unwrapped keys that are not 32 bytes', async () => {
    const app = await buildTestApp({
      folders: [{ folderUid: SHARED, name: 'Shared' }],
      records: [
        { recordUid: 'KSM753recordAAAAAAAAAA', data: record('commander'), folderUid: SHARED, shape: 'ksm-753' },
        { recordUid: 'SHORTkeyAAAAAAAAAAAAAA', data: record('short') },
      ],
    });
    const response = app.getSecretResponse();
    const short = response.records?.[1];
    if (short) short.recordKey = base64Encode(await wrapKey(app.appKey, new Uint8Array(16)));
    const { web, fast } = await bothPaths(response, app.appKey);
    expect(withoutKeys(fast)).toEqual(withoutKeys(web));
    expect(fast.records.map((r) => r.data.title)).toEqual(['commander']);
    expect(fast.skipped).toEqual([
      { kind: 'record', uid: 'SHORTkeyAAAAAAAAAAAAAA', parentUid: null, code: 'ERR_INVALID_KEY' },
    ]);
  });

  it('hands out opaque keys that encrypt updates, open downloads and never serialise', async () => {
    const app = await sampleApp();
    const { fast } = await bothPaths(app.getSecretResponse(), app.appKey);
    const target = fast.records[2] as DecryptedRecord;
    expect(target.recordKey).toBeInstanceOf(OpaqueAesKey);
    const update = await gcmEncrypt(target.recordKey, utf8Encode('{"title":"new"}'));
    const ownerKey = app.recordKeys.get(target.recordUid) as Uint8Array<ArrayBuffer>;
    expect(utf8Decode(await gcmDecrypt(ownerKey, update))).toBe('{"title":"new"}');
    const file = target.files[0];
    expect(file?.fileKey).toBeInstanceOf(OpaqueAesKey);
    const blob = app.downloads.get(file?.url ?? '') as Uint8Array<ArrayBuffer>;
    expect(utf8Decode(await gcmDecrypt(file?.fileKey as OpaqueAesKey, blob))).toBe('hello');

    const text = JSON.stringify(fast);
    for (const key of [...app.recordKeys.values(), ...app.fileKeys.values()]) {
      expect(text).not.toContain(base64Encode(key));
    }
    expect(JSON.stringify(target.recordKey)).toBe('{}');
    expect(Object.keys(target.recordKey)).toEqual([]);
    expect(inspect(target.recordKey, { showHidden: true, depth: 5 })).toBe('OpaqueAesKey {}');
  });

  it('hands out one opaque folder key that serves both GCM and CBC', async () => {
    const app = await sampleApp();
    const { fast } = await bothPaths(app.getSecretResponse(), app.appKey);
    const folder = fast.folders.find((f) => f.folderUid === SHARED);
    const ownerKey = app.folderKeys.get(SHARED) as Uint8Array<ArrayBuffer>;
    expect(folder?.folderKey.gcm).toBeInstanceOf(OpaqueAesKey);
    expect(folder?.folderKey.cbc).toBe(folder?.folderKey.gcm);
    const gcm = await gcmEncrypt(folder?.folderKey.gcm as OpaqueAesKey, utf8Encode('g'));
    const cbc = await cbcEncrypt(folder?.folderKey.cbc as OpaqueAesKey, utf8Encode('c'));
    expect(utf8Decode(await gcmDecrypt(ownerKey, gcm))).toBe('g');
    expect(utf8Decode(await cbcDecrypt(ownerKey, cbc))).toBe('c');
  });
});
