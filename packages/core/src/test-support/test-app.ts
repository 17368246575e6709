// Test support (runtime-neutral): builds an application from plaintexts with the owner-side key chain and
// renders get_secret / get_folders responses exactly as a compatible server would (spec §5.1.4, §5.2).
import { gcmEncrypt } from '../crypto/aes-gcm.js';
import { generateAesKey, importAesKey } from '../crypto/aes-key.js';
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { encryptAppData, encryptFolderData, wrapKey, wrapSubFolderKey } from '../keychain/owner.js';
import { createFile, createRecord } from '../keychain/owner-records.js';
import type { WireFile, WireFolder, WireRecord, WireSecretsResponse } from '../keychain/wire-types.js';
import type { AppData, FileMetadata, RecordData } from '../record/types.js';
import { generateFileUid, generateRecordUid } from '../uid.js';

/** A file to attach: plaintext metadata and content. */
export interface TestFileInput {
  readonly fileUid?: string;
  readonly metadata: FileMetadata;
  readonly content: Uint8Array<ArrayBuffer>;
  readonly thumbnail?: Uint8Array<ArrayBuffer>;
}

/** A record to share with the app. */
export interface TestRecordInput {
  readonly recordUid?: string;
  readonly data: RecordData;
  readonly revision?: number;
  readonly isEditable?: boolean;
  readonly files?: readonly TestFileInput[];
  /** Any folder of `folders` (a sub-folder puts the record in its root shared folder, with innerFolderUid). Absent = direct share. */
  readonly folderUid?: string;
  /** 'ksm-753': a top-level entry whose key is wrapped by its (root shared) folder's key (spec §5.1.6). */
  readonly shape?: 'normal' | 'ksm-753';
  readonly links?: readonly unknown[];
}

/** A folder: a root shared folder (no parent) or a sub-folder. List ancestors before descendants. */
export interface TestFolderInput {
  readonly folderUid?: string;
  readonly name: string;
  readonly parentUid?: string | null;
}

export interface TestAppInput {
  readonly appData?: AppData;
  readonly folders?: readonly TestFolderInput[];
  readonly records: readonly TestRecordInput[];
  /** Base of download URLs (https, as the SDKs require). */
  readonly fileUrlBase?: string;
}

/** The built app: raw keys (what the owner holds), download blobs, and response renderers. */
export interface TestApp {
  readonly appKey: Uint8Array<ArrayBuffer>;
  readonly folderKeys: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
  readonly recordKeys: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
  readonly fileKeys: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
  /** The record UIDs in input order. */
  readonly recordUids: readonly string[];
  /** The folder UIDs in input order. */
  readonly folderUids: readonly string[];
  /** url → encrypted bytes for every file and thumbnail. */
  readonly downloads: Map<string, Uint8Array<ArrayBuffer>>;
  /** get_secret JSON; `requestedRecords` filters records (folders without matches are left out). */
  getSecretResponse(options?: {
    readonly requestedRecords?: readonly string[] | null;
    readonly binding?: { readonly encryptedAppKey: string; readonly appOwnerPublicKey: string };
  }): WireSecretsResponse;
  /** get_folders JSON: every folder, ancestors first, CBC data. */
  getFoldersResponse(): WireSecretsResponse;
}

interface BuiltFolder {
  readonly folderUid: string;
  readonly parentUid: string | null;
  readonly rootUid: string;
  readonly wrappedKey: string;
  readonly data: string;
}

/**
 * Builds an app. All keys are random; all ciphertexts come from the owner-side functions under test.
 *
 * @example
 * const app = await buildTestApp({ folders: [{ folderUid: 'F', name: 'Ops' }], records: [{ data, folderUid: 'F' }] });
 */
export async function buildTestApp(input: TestAppInput): Promise<TestApp> {
  const appKey = generateAesKey();
  const appCryptoKey = await importAesKey(appKey);
  const urlBase = input.fileUrlBase ?? 'https://files.ksmkit.test';
  const folderKeys = new Map<string, Uint8Array<ArrayBuffer>>();
  const builtFolders: BuiltFolder[] = [];
  const byUid = new Map<string, BuiltFolder>();
  for (const folder of input.folders ?? []) {
    const folderUid = folder.folderUid ?? generateRecordUid();
    const parentUid = folder.parentUid ?? null;
    const key = generateAesKey();
    folderKeys.set(folderUid, key);
    const parent = parentUid === null ? null : byUid.get(parentUid);
    if (parent === undefined) throw new Error(`test app: parent ${parentUid} must be listed before ${folderUid}`);
    const rootUid = parent === null ? folderUid : parent.rootUid;
    const wrapped =
      parent === null
        ? await wrapKey(appCryptoKey, key)
        : await wrapSubFolderKey(folderKeys.get(rootUid) as Uint8Array<ArrayBuffer>, key);
    const built = {
      folderUid,
      parentUid,
      rootUid,
      wrappedKey: base64Encode(wrapped),
      data: base64Encode(await encryptFolderData(key, { name: folder.name })),
    };
    builtFolders.push(built);
    byUid.set(folderUid, built);
  }

  const recordKeys = new Map<string, Uint8Array<ArrayBuffer>>();
  const fileKeys = new Map<string, Uint8Array<ArrayBuffer>>();
  const downloads = new Map<string, Uint8Array<ArrayBuffer>>();
  const direct: WireRecord[] = [];
  const inFolder = new Map<string, WireRecord[]>();
  const recordUids: string[] = [];
  for (const record of input.records) {
    const folder = record.folderUid === undefined ? null : byUid.get(record.folderUid);
    if (folder === undefined) throw new Error(`test app: unknown folder ${record.folderUid}`);
    const wrappingKey = folder === null ? appCryptoKey : (folderKeys.get(folder.rootUid) as Uint8Array<ArrayBuffer>);
    const created = await createRecord({
      data: record.data,
      wrappingKey,
      ...(record.recordUid === undefined ? {} : { recordUid: record.recordUid }),
    });
    recordKeys.set(created.recordUid, created.recordKey);
    recordUids.push(created.recordUid);
    const files: WireFile[] = [];
    for (const file of record.files ?? []) {
      const made = await createFile({
        recordKey: created.recordKey,
        metadata: file.metadata,
        content: file.content,
        fileUid: file.fileUid ?? generateFileUid(),
      });
      fileKeys.set(made.fileUid, made.fileKey);
      const url = `${urlBase}/${made.fileUid}`;
      downloads.set(url, made.encryptedContent);
      let thumbnailUrl: string | null = null;
      if (file.thumbnail !== undefined) {
        thumbnailUrl = `${url}/thumbnail`;
        downloads.set(thumbnailUrl, await gcmEncrypt(made.fileKey, file.thumbnail));
      }
      files.push({
        fileUid: made.fileUid,
        fileKey: base64Encode(made.linkKey),
        data: base64Encode(made.encryptedMetadata),
        url,
        thumbnailUrl,
      });
    }
    const wire: WireRecord = {
      recordUid: created.recordUid,
      recordKey: base64Encode(created.wrappedRecordKey),
      data: base64Encode(created.encryptedData),
      revision: record.revision ?? 1,
      isEditable: record.isEditable ?? true,
      files,
      folderUid: null,
      innerFolderUid: folder === null || folder.folderUid === folder.rootUid ? null : folder.folderUid,
      ...(record.links === undefined ? {} : { links: [...record.links] }),
    };
    if (record.shape === 'ksm-753') {
      if (folder === null) throw new Error('test app: a ksm-753 record needs a folderUid');
      direct.push({ ...wire, innerFolderUid: folder.folderUid });
    } else if (folder === null) {
      direct.push(wire);
    } else {
      const list = inFolder.get(folder.rootUid) ?? [];
      list.push(wire);
      inFolder.set(folder.rootUid, list);
    }
  }
  const appData = base64UrlEncode(
    await encryptAppData(appCryptoKey, input.appData ?? { title: 'Test App', type: 'app' }),
  );
  const roots = builtFolders.filter((f) => f.parentUid === null);

  return {
    appKey,
    folderKeys,
    recordKeys,
    fileKeys,
    recordUids,
    folderUids: builtFolders.map((f) => f.folderUid),
    downloads,
    getSecretResponse(options = {}) {
      const wanted = options.requestedRecords ? new Set(options.requestedRecords) : null;
      const pick = (records: readonly WireRecord[]) =>
        wanted ? records.filter((r) => wanted.has(r.recordUid)) : [...records];
      const folders: WireFolder[] = [];
      for (const root of roots) {
        const records = pick(inFolder.get(root.folderUid) ?? []);
        if (wanted && records.length === 0) continue;
        folders.push({
          folderUid: root.folderUid,
          folderKey: root.wrappedKey,
          data: null,
          parent: null,
          isEditable: true,
          records,
        });
      }
      return {
        appData,
        encryptedAppKey: options.binding?.encryptedAppKey ?? null,
        appOwnerPublicKey: options.binding?.appOwnerPublicKey ?? null,
        folders,
        records: pick(direct),
        expiresOn: 0,
        warnings: null,
        extra: null,
      };
    },
    getFoldersResponse() {
      return {
        folders: builtFolders.map((f) => ({
          folderUid: f.folderUid,
          folderKey: f.wrappedKey,
          data: f.data,
          parent: f.parentUid,
          records: null,
        })),
        records: null,
      };
    },
  };
}
