// Test support: get_secret scenarios (a sample app, a response with corrupted and malformed items) shared by the
// key-chain tests of both paths (WebCrypto and a cipher backend).
import { gcmEncrypt } from '../crypto/aes-gcm.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import { wrapKey } from '../keychain/owner.js';
import type { WireRecord, WireSecretsResponse } from '../keychain/wire-types.js';
import type { RecordData } from '../record/types.js';
import { buildTestApp, type TestApp } from './test-app.js';

export const SHARED = 'SHAREDfolderAAAAAAAAAA';
export const OTHER = 'SHAREDfolderBBBBBBBBBB';
export const SUB = 'SUBfolderCCCCCCCCCCCCC';

export function record(title: string, extra: Record<string, unknown> = {}): RecordData {
  return {
    title,
    type: 'login',
    fields: [
      { type: 'login', value: [`${title}-user`] },
      { type: 'password', value: [`${title}-pw`], enforceGeneration: false, unknownKey: { kept: true } },
    ],
    custom: [{ type: 'text', label: 'Env', value: ['prod'] }],
    notes: 'ñ',
    ...extra,
  };
}

export async function sampleApp() {
  return buildTestApp({
    appData: { title: 'My App', type: 'app' },
    folders: [
      { folderUid: SHARED, name: 'Shared' },
      { folderUid: SUB, name: 'Sub', parentUid: SHARED },
      { folderUid: OTHER, name: 'Other' },
    ],
    records: [
      { recordUid: 'DIRECTrecordAAAAAAAAAA', data: record('direct', { vendorField: [1, 2] }) },
      { recordUid: 'FOLDERrecordAAAAAAAAAA', data: record('in-shared'), folderUid: SHARED, revision: 42 },
      {
        recordUid: 'SUBrecordAAAAAAAAAAAAA',
        data: record('in-sub'),
        folderUid: SUB,
        isEditable: false,
        files: [
          {
            fileUid: 'FILEaaaaaaaaaaaaaaaaaa',
            metadata: { name: 'a.txt', title: 'A', size: 5, type: 'text/plain' },
            content: utf8Encode('hello'),
          },
          {
            fileUid: 'FILEbbbbbbbbbbbbbbbbbb',
            metadata: { name: 'b.bin', title: 'B', size: 2 },
            content: new Uint8Array([1, 2]),
          },
        ],
      },
      { recordUid: 'OTHERrecordAAAAAAAAAAA', data: record('in-other'), folderUid: OTHER },
    ],
  });
}

/** The sample app's response with a corrupted record, file and folder key, malformed entries and a non-JSON record. */
export async function corruptedResponse(): Promise<{ app: TestApp; response: WireSecretsResponse }> {
  const app = await sampleApp();
  const response = app.getSecretResponse() as WireSecretsResponse;
  const folders = response.folders ?? [];
  const corrupt = (b64: string) => {
    const bytes = base64Decode(b64);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    return base64Encode(bytes);
  };
  const direct = response.records?.[0] as WireRecord;
  direct.data = corrupt(direct.data);
  const sub = folders[0]?.records?.[1] as WireRecord;
  const firstFile = sub.files?.[0];
  if (firstFile) firstFile.fileKey = corrupt(firstFile.fileKey);
  const other = folders[1];
  if (other) other.folderKey = corrupt(other.folderKey);
  (response.records as unknown[]).push(42, { recordUid: 'NOKEYrecordAAAAAAAAAAA', data: 'AAAA' });
  // not valid JSON inside: a record whose plaintext is not JSON
  const notJson = {
    ...(folders[0]?.records?.[0] as WireRecord),
    recordUid: 'NOTJSONrecordAAAAAAAAA',
    recordKey: base64Encode(await wrapKey(app.folderKeys.get(SHARED) as Uint8Array<ArrayBuffer>, new Uint8Array(32))),
    data: base64Encode(await gcmEncrypt(new Uint8Array(32), utf8Encode('{not json'))),
  };
  folders[0]?.records?.push(notJson);

  return { app, response };
}
