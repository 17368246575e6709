// Owner side: creating a record (new record key, wrapped copies, encrypted data) and attaching a file (§5.5, §5.8).
import { type AesKeyInput, generateAesKey, importAesKey } from '../crypto/aes-key.js';
import { publicEncrypt } from '../crypto/ecies.js';
import type { FileMetadata, RecordData } from '../record/types.js';
import { generateFileUid, generateRecordUid } from '../uid.js';
import { encryptFileContent, encryptFileMetadata, encryptRecordData, wrapKey } from './owner.js';

/** A freshly encrypted record: the raw key (keep it to add files or update) and every wrapped copy. */
export interface NewRecord {
  readonly recordUid: string;
  /** The raw 32-byte record key. */
  readonly recordKey: Uint8Array<ArrayBuffer>;
  /** GCM(wrappingKey, recordKey): `records[].recordKey` (app key, direct share) or `folders[].records[].recordKey`. */
  readonly wrappedRecordKey: Uint8Array<ArrayBuffer>;
  /** ECIES(ownerPublicKey, recordKey): the vault owner's copy, when an owner key was given. */
  readonly ownerRecordKey: Uint8Array<ArrayBuffer> | null;
  /** GCM(recordKey, record JSON): the record's `data`. */
  readonly encryptedData: Uint8Array<ArrayBuffer>;
}

/** Inputs of `createRecord`. */
export interface CreateRecordInput {
  readonly data: RecordData;
  /** The shared folder key (record in a folder) or the app key (direct share). */
  readonly wrappingKey: AesKeyInput;
  /** 65-byte `appOwnerPublicKey`; when given, the owner's ECIES copy of the record key is produced too. */
  readonly ownerPublicKey?: CryptoKey | Uint8Array<ArrayBuffer>;
  /** An existing UID to reuse; a new one is generated otherwise. */
  readonly recordUid?: string;
  /** An existing raw record key to reuse (re-sharing); a new one is generated otherwise. */
  readonly recordKey?: Uint8Array<ArrayBuffer>;
}

/**
 * Creates a record: new UID and record key, the record key wrapped for a folder or the app (and for the owner),
 * and the encrypted record JSON.
 *
 * @example
 * const record = await createRecord({ data, wrappingKey: sharedFolderKey, ownerPublicKey });
 */
export async function createRecord(input: CreateRecordInput): Promise<NewRecord> {
  const recordKey = input.recordKey ?? generateAesKey();
  const [wrappedRecordKey, ownerRecordKey, encryptedData] = await Promise.all([
    wrapKey(input.wrappingKey, recordKey),
    input.ownerPublicKey === undefined ? null : publicEncrypt(recordKey, input.ownerPublicKey),
    encryptRecordData(recordKey, input.data),
  ]);
  return {
    recordUid: input.recordUid ?? generateRecordUid(),
    recordKey,
    wrappedRecordKey,
    ownerRecordKey,
    encryptedData,
  };
}

/** A freshly encrypted file attachment. */
export interface NewFile {
  readonly fileUid: string;
  /** The raw 32-byte file key. */
  readonly fileKey: Uint8Array<ArrayBuffer>;
  /** GCM(recordKey, fileKey): `add_file.linkKey`, later `files[].fileKey`. */
  readonly linkKey: Uint8Array<ArrayBuffer>;
  /** ECIES(ownerPublicKey, fileKey): `add_file.fileRecordKey`, when an owner key was given. */
  readonly ownerFileKey: Uint8Array<ArrayBuffer> | null;
  /** GCM(fileKey, metadata JSON): `add_file.fileRecordData`, later `files[].data`. */
  readonly encryptedMetadata: Uint8Array<ArrayBuffer>;
  /** GCM(fileKey, content): what the upload carries and the download URL serves. */
  readonly encryptedContent: Uint8Array<ArrayBuffer>;
}

/** Inputs of `createFile`. */
export interface CreateFileInput {
  /** The owning record's key (raw or imported). */
  readonly recordKey: AesKeyInput;
  readonly metadata: FileMetadata;
  readonly content: Uint8Array<ArrayBuffer>;
  readonly ownerPublicKey?: CryptoKey | Uint8Array<ArrayBuffer>;
  readonly fileUid?: string;
}

/**
 * Creates a file attachment: new file UID and key, the key wrapped under the record key (and for the owner),
 * encrypted metadata and encrypted content.
 *
 * @example
 * const file = await createFile({ recordKey, metadata: { name: 'a.txt', size: 5 }, content: utf8Encode('hello') });
 */
export async function createFile(input: CreateFileInput): Promise<NewFile> {
  const fileKey = generateAesKey();
  const fileCryptoKey = await importAesKey(fileKey);
  const [linkKey, ownerFileKey, encryptedMetadata, encryptedContent] = await Promise.all([
    wrapKey(input.recordKey, fileKey),
    input.ownerPublicKey === undefined ? null : publicEncrypt(fileKey, input.ownerPublicKey),
    encryptFileMetadata(fileCryptoKey, input.metadata),
    encryptFileContent(fileCryptoKey, input.content),
  ]);
  return {
    fileUid: input.fileUid ?? generateFileUid(),
    fileKey,
    linkKey,
    ownerFileKey,
    encryptedMetadata,
    encryptedContent,
  };
}
