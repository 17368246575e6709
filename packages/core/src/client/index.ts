// Public client API of @ksmkit/core: createClient and the shapes its operations take and return.
export type { ClientOptions } from './client-core.js';
export type { KsmClient } from './create-client.js';
export { createClient } from './create-client.js';
export type { DeleteResult } from './delete-results.js';
export type { UploadFileOptions } from './files.js';
export type { CreateFolderOptions, FoldersResult } from './folders.js';
export type { MemoryCacheOptions } from './memory-cache.js';
export type { OfflineCacheStorage } from './offline-cache.js';
export type { CreateSecretOptions, UpdateSecretOptions } from './record-writes.js';
export type { AppInfo, GetSecretsOptions, SecretsResult } from './secrets.js';
export type { FetchFunction } from './transport.js';
