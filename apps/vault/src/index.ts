// @ksmkit/vault library entry: start the server, drive the owner (admin) operations, and the store, in-process.

export type { AddRecordInput, AddRecordResult } from './owner/add-record.js';
export { addRecord } from './owner/add-record.js';
export type { AppSummary } from './owner/apps.js';
export { createApp, listAppSummaries, removeApp } from './owner/apps.js';
export type { AddClientInput, ClientSummary, ConnectionInfo, MintedClient } from './owner/clients.js';
export { addClients, listClientSummaries, removeClients } from './owner/clients.js';
export type { Connection, ServeRuntime } from './owner/connection.js';
export { connectionInfo, formatHostname, readServeRuntime } from './owner/connection.js';
export { DEMO_APP, demoSeed } from './owner/demo-data.js';
export type { FolderSummary } from './owner/folders.js';
export { createFolder, listFolderSummaries, removeFolder } from './owner/folders.js';
export type { InitVaultOptions, InitVaultResult } from './owner/init-vault.js';
export { initVault, isInitialized } from './owner/init-vault.js';
export type { OwnerKeys } from './owner/owner-keys.js';
export { createOwnerKeys, loadOwnerKeys } from './owner/owner-keys.js';
export type { ProbeResult } from './owner/probe.js';
export { probeGetSecret } from './owner/probe.js';
export type { FileView, RecordSummary, RecordViewResult } from './owner/read-records.js';
export {
  getRecordView,
  listRecordReport,
  listRecordSummaries,
  readRecordFile,
  removeRecords,
  type UnreadableRecord,
} from './owner/read-records.js';
export type { FileInput } from './owner/record-files.js';
export type { CustomFieldInput, RecordInput } from './owner/record-input.js';
export type { SeedResult } from './owner/seed.js';
export { applySeed, parseSeedText, seedFromFile } from './owner/seed.js';
export type { OwnerSession } from './owner/session.js';
export { closeOwnerSession, inBatch, openOwnerSession } from './owner/session.js';
export type { ShareInput, ShareResult } from './owner/share.js';
export { addShare, removeShare } from './owner/share.js';
export type { UpdateRecordInput } from './owner/update-record.js';
export { updateRecord } from './owner/update-record.js';
export type { DenialCode } from './server/denials.js';
export { DENIALS } from './server/denials.js';
export type { RunningServer, StartServerOptions } from './server/serve.js';
export { startServer } from './server/serve.js';
export type { ServerKey } from './server/server-key.js';
export { createServerKey, DEFAULT_SERVER_KEY_ID, loadServerKey } from './server/server-key.js';
export type { CreateTlsOptions, TlsMaterial } from './server/tls.js';
export { certificateExpiry, createTls, isLoopbackHost, loadTls, rotateTls, TLS_VALIDITY_DAYS } from './server/tls.js';
export type { DataDirPaths } from './store/data-dir.js';
export { dataDirPaths, resolveDataDir } from './store/data-dir.js';
export type { DataDirLock } from './store/dir-lock.js';
export { lockDataDir } from './store/dir-lock.js';
export type { VaultErrorCode, VaultErrorDetails } from './store/errors.js';
export { isVaultError, VaultError } from './store/errors.js';
export type { OwnerDirPaths } from './store/owner-dir.js';
export { ownerDirPaths, resolveOwnerDir } from './store/owner-dir.js';
export type { Settings, ThrottleSettings } from './store/settings.js';
export { DEFAULT_SETTINGS, readSettings } from './store/settings.js';
