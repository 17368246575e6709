import { describe, expect, it } from 'vitest';
import { cbcDecrypt } from '../crypto/aes-cbc.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { isKsmError } from '../errors.js';
import { buildTestApp } from '../test-support/test-app.js';
import { decryptFolders } from './decrypt-folders.js';
import { encryptFolderData, wrapKey } from './owner.js';

const ROOT = 'ROOTfolderAAAAAAAAAAAA';
const SUB = 'SUBfolderAAAAAAAAAAAAA';
const DEEP = 'DEEPfolderAAAAAAAAAAAA';
const ROOT2 = 'ROOTfolderBBBBBBBBBBBB';

async function app() {
  return buildTestApp({
    folders: [
      { folderUid: ROOT, name: 'Root' },
      { folderUid: SUB, name: 'Sub', parentUid: ROOT },
      { folderUid: DEEP, name: 'Déep', parentUid: SUB },
      { folderUid: ROOT2, name: 'Root 2' },
    ],
    records: [],
  });
}

describe('decryptFolders', () => {
  it('decrypts root keys (GCM), sub-folder keys (CBC under the root) and names (CBC)', async () => {
    const built = await app();
    const { folders, skipped } = await decryptFolders(built.getFoldersResponse(), { appKey: built.appKey });
    expect(skipped).toEqual([]);
    expect(folders.map((f) => [f.folderUid, f.parentUid, f.name])).toEqual([
      [ROOT, null, 'Root'],
      [SUB, ROOT, 'Sub'],
      [DEEP, SUB, 'Déep'],
      [ROOT2, null, 'Root 2'],
    ]);
    // the returned key of a sub-folder is its own key: it opens that folder's data
    const deep = built.getFoldersResponse().folders?.[2];
    const name = utf8Decode(await cbcDecrypt(folders[2]?.folderKey.cbc as CryptoKey, base64Decode(deep?.data ?? '')));
    expect(JSON.parse(name)).toEqual({ name: 'Déep' });
  });

  it('does not depend on ancestors coming first', async () => {
    const built = await app();
    const response = built.getFoldersResponse();
    response.folders?.reverse();
    const { folders, skipped } = await decryptFolders(response, { appKey: built.appKey });
    expect(skipped).toEqual([]);
    expect(folders.map((f) => f.name)).toEqual(['Root 2', 'Déep', 'Sub', 'Root']);
  });

  it('skips folders whose chain has no root, corrupted keys, and tolerates null data', async () => {
    const built = await app();
    const response = built.getFoldersResponse();
    const list = response.folders ?? [];
    const orphan = {
      ...(list[1] as (typeof list)[number]),
      folderUid: 'ORPHANfolderAAAAAAAAAA',
      parent: 'MISSINGfolderAAAAAAAAA',
    };
    const cyclic = {
      ...(list[1] as (typeof list)[number]),
      folderUid: 'CYCLEfolderAAAAAAAAAAA',
      parent: 'CYCLEfolderAAAAAAAAAAA',
    };
    const root2 = list[3];
    if (root2) {
      const bytes = base64Decode(root2.folderKey);
      bytes[20] = (bytes[20] as number) ^ 1;
      root2.folderKey = base64Encode(bytes);
    }
    const sub = list[1];
    if (sub) sub.data = null;
    list.push(orphan, cyclic);
    const { folders, skipped } = await decryptFolders(response, { appKey: built.appKey });
    expect(folders.map((f) => [f.folderUid, f.name])).toEqual([
      [ROOT, 'Root'],
      [SUB, ''],
      [DEEP, 'Déep'],
    ]);
    expect(skipped.map((s) => [s.uid, s.code]).sort()).toEqual([
      ['CYCLEfolderAAAAAAAAAAA', 'ERR_INVALID_RECORD'],
      ['ORPHANfolderAAAAAAAAAA', 'ERR_INVALID_RECORD'],
      [ROOT2, 'ERR_DECRYPT_FAILED'],
    ]);
  });

  it('reads root shared folders whose key the owner side wrapped (GCM) and named (CBC)', async () => {
    const appKey = new Uint8Array(32).fill(9);
    const folderKey = new Uint8Array(32).fill(8);
    const response = {
      folders: [
        {
          folderUid: ROOT,
          folderKey: base64Encode(await wrapKey(appKey, folderKey)),
          data: base64Encode(await encryptFolderData(folderKey, { name: 'Hand made' })),
          parent: null,
          records: null,
        },
      ],
      records: null,
    };
    expect((await decryptFolders(response, { appKey })).folders[0]?.name).toBe('Hand made');
    await expect(decryptFolders(null, { appKey })).rejects.toSatisfy((e) => isKsmError(e, 'ERR_INVALID_INPUT'));
  });
});
