// The KSM client: a session with every operation bound to it (one object per device config, no global state).
import type { DecryptedFolder } from '../keychain/decrypt-folders.js';
import type { DecryptedFile, DecryptedRecord } from '../keychain/record-types.js';
import type { Notation } from '../notation/types.js';
import { generatePassword, type PasswordOptions } from '../password/generate-password.js';
import type { RecordData } from '../record/types.js';
import type { TotpCode } from '../totp/totp.js';
import type { ClientOptions } from './client-core.js';
import type { DeleteResult } from './delete-results.js';
import { downloadFile, downloadThumbnail, type UploadFileOptions, uploadFile } from './files.js';
import {
  type CreateFolderOptions,
  createFolder,
  deleteFolders,
  type FoldersResult,
  getFolders,
  updateFolder,
} from './folders.js';
import { resolveNotation } from './notation.js';
import { getRecordTotpCode } from './record-totp-code.js';
import {
  type CreateSecretOptions,
  completeTransaction,
  createSecret,
  deleteSecrets,
  type UpdateSecretOptions,
  updateSecret,
} from './record-writes.js';
import {
  type AppInfo,
  type GetSecretsOptions,
  getAppInfo,
  getSecrets,
  getSecretsByTitle,
  type SecretsResult,
} from './secrets.js';
import { createSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/** A KSM client. Every method takes an optional `signal`; keys stay on the objects methods return. */
export interface KsmClient {
  getSecrets(options?: GetSecretsOptions): Promise<SecretsResult>;
  getSecretsByTitle(title: string, options?: Signal): Promise<DecryptedRecord[]>;
  getFolders(options?: Signal): Promise<FoldersResult>;
  /** Keeper Notation with `getNotationResults` semantics (UID lookup with `requestedRecords`, then by title). */
  getNotationResults(notation: string | Notation, options?: Signal): Promise<string[]>;
  createSecret(options: CreateSecretOptions): Promise<string>;
  updateSecret(record: DecryptedRecord, options?: UpdateSecretOptions): Promise<void>;
  /** Commits a staged update (`transactionType`); `rollback: true` discards it. */
  completeTransaction(recordUid: string, options?: Signal & { readonly rollback?: boolean }): Promise<void>;
  deleteSecrets(recordUids: readonly string[], options?: Signal): Promise<DeleteResult[]>;
  createFolder(options: CreateFolderOptions): Promise<string>;
  updateFolder(folder: DecryptedFolder | string, name: string, options?: Signal): Promise<void>;
  deleteFolders(
    folderUids: readonly string[],
    options?: Signal & { readonly force?: boolean },
  ): Promise<DeleteResult[]>;
  uploadFile(record: DecryptedRecord, options: UploadFileOptions): Promise<string>;
  downloadFile(file: DecryptedFile, options?: Signal): Promise<Uint8Array<ArrayBuffer>>;
  downloadThumbnail(file: DecryptedFile, options?: Signal): Promise<Uint8Array<ArrayBuffer>>;
  /** The current code of the record's first `oneTimeCode` field (standard or custom); null without one. */
  getTotpCode(record: { readonly data: RecordData }, unixSeconds?: number): Promise<TotpCode | null>;
  generatePassword(options?: PasswordOptions): string;
  /** App title and type, expiry and warnings (one get_secret). */
  getAppInfo(options?: Signal): Promise<AppInfo>;
}

/**
 * Creates a client over a device config storage (initialise it first with `initializeConfig`). The device binds
 * on first use (spec §5.1). Two clients never share keys, caches or state. It carries every operation, so a
 * bundle that imports it keeps them all; where size matters, use `createSession` and import only the
 * operations you call (`@ksmkit/core/session`).
 *
 * @example
 * const storage = createMemoryStorage();
 * await initializeConfig(storage, token, { hostname: '127.0.0.1:8443', serverPublicKey, serverPublicKeyId: 20 });
 * const client = createClient({ storage, cache: { ttlMs: 5_000 } });
 * const { records } = await client.getSecrets();
 */
export function createClient(options: ClientOptions): KsmClient {
  // The client is the session's operations bound to it: one implementation of each, shared with `./session`.
  const session = createSession(options);
  const { clock } = sessionCore(session);
  return {
    getSecrets: (o) => getSecrets(session, o),
    getSecretsByTitle: (title, o) => getSecretsByTitle(session, title, o),
    getFolders: (o) => getFolders(session, o),
    getNotationResults: (notation, o) => resolveNotation(session, notation, o),
    createSecret: (o) => createSecret(session, o),
    updateSecret: (record, o) => updateSecret(session, record, o),
    completeTransaction: (uid, o) => completeTransaction(session, uid, o),
    deleteSecrets: (uids, o) => deleteSecrets(session, uids, o),
    createFolder: (o) => createFolder(session, o),
    updateFolder: (folder, name, o) => updateFolder(session, folder, name, o),
    deleteFolders: (uids, o) => deleteFolders(session, uids, o),
    uploadFile: (record, o) => uploadFile(session, record, o),
    downloadFile: (file, o) => downloadFile(session, file, o),
    downloadThumbnail: (file, o) => downloadThumbnail(session, file, o),
    getTotpCode: (record, unixSeconds) => getRecordTotpCode(record, unixSeconds ?? clock() / 1000),
    generatePassword: (o) => generatePassword(o),
    getAppInfo: (o) => getAppInfo(session, o),
  };
}
