// @ksmkit/core/session: the lean KSM client, a session plus standalone operations, so bundles keep only what is used.
export type { ClientOptions } from './client/client-core.js';
export type { DeleteResult } from './client/delete-results.js';
export type { UploadFileOptions } from './client/files.js';
export { downloadFile, downloadThumbnail, uploadFile } from './client/files.js';
export type { CreateFolderOptions, FoldersResult } from './client/folders.js';
export { createFolder, deleteFolders, getFolders, updateFolder } from './client/folders.js';
export type { MemoryCacheOptions } from './client/memory-cache.js';
export { resolveNotation } from './client/notation.js';
export type { OfflineCacheStorage } from './client/offline-cache.js';
export { getRecordTotpCode } from './client/record-totp-code.js';
export type { CreateSecretOptions, UpdateSecretOptions } from './client/record-writes.js';
export { completeTransaction, createSecret, deleteSecrets, updateSecret } from './client/record-writes.js';
export type { AppInfo, GetSecretsOptions, SecretsResult } from './client/secrets.js';
export { getAppInfo, getSecrets, getSecretsByTitle } from './client/secrets.js';
export type { KsmSession } from './client/session.js';
export { createSession } from './client/session.js';
export type { FetchFunction, FetchResponse } from './client/transport.js';
