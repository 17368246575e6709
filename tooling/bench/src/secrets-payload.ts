// Bench input: a get_secret response (shared folders plus direct shares) built with core's public owner-side API.
import {
  base64Encode,
  base64UrlEncode,
  createRecord,
  encryptAppData,
  encryptFolderData,
  generateAesKey,
  generateRecordUid,
  importAesKey,
  type RecordData,
  type WireFolder,
  type WireRecord,
  type WireSecretsResponse,
  wrapKey,
} from '@ksmkit/core';

/**
 * Encrypts `records` for a fresh app: record `i` goes into folder `i % folders`, except where `direct(i)` holds.
 *
 * @example
 * const { appKey, response } = await buildSecretsPayload(records, 10, (i) => i % 10 === 0);
 */
export async function buildSecretsPayload(
  records: readonly RecordData[],
  folders: number,
  direct: (index: number) => boolean,
): Promise<{ appKey: Uint8Array<ArrayBuffer>; response: WireSecretsResponse }> {
  const appKey = generateAesKey();
  const appCryptoKey = await importAesKey(appKey);
  const shared = await Promise.all(
    Array.from({ length: folders }, async (_, i) => {
      const key = generateAesKey();
      const folder: WireFolder = {
        folderUid: generateRecordUid(),
        folderKey: base64Encode(await wrapKey(appCryptoKey, key)),
        data: base64Encode(await encryptFolderData(key, { name: `Folder ${i}` })),
        parent: null,
        isEditable: true,
        records: [],
      };
      return { key, folder, records: [] as WireRecord[] };
    }),
  );
  const directRecords: WireRecord[] = [];
  for (const [i, data] of records.entries()) {
    const target = direct(i) ? undefined : shared[i % folders];
    const created = await createRecord({ data, wrappingKey: target === undefined ? appCryptoKey : target.key });
    const wire: WireRecord = {
      recordUid: created.recordUid,
      recordKey: base64Encode(created.wrappedRecordKey),
      data: base64Encode(created.encryptedData),
      revision: 1000 + i,
      isEditable: true,
      files: [],
      folderUid: null,
      innerFolderUid: null,
    };
    (target === undefined ? directRecords : target.records).push(wire);
  }
  const response: WireSecretsResponse = {
    appData: base64UrlEncode(await encryptAppData(appCryptoKey, { title: 'Bench App', type: 'app' })),
    encryptedAppKey: null,
    appOwnerPublicKey: null,
    folders: shared.map(({ folder, records: inFolder }) => ({ ...folder, records: inFolder })),
    records: directRecords,
    expiresOn: 0,
    warnings: null,
    extra: null,
  };
  return { appKey, response };
}
