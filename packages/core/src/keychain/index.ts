// Public key-chain API of @ksmkit/core: device-side decryption, owner-side encryption, request envelopes.

export type { DecryptedFolder, DecryptedFolders } from './decrypt-folders.js';
export { decryptFolders } from './decrypt-folders.js';
export type { DecryptedSecrets, DecryptSecretsOptions, DeviceKeys } from './decrypt-secrets.js';
export { decryptSecrets } from './decrypt-secrets.js';
export type { OneTimeToken } from './owner.js';
export {
  createOneTimeToken,
  encryptAppData,
  encryptFileContent,
  encryptFileMetadata,
  encryptFolderData,
  encryptRecordData,
  wrapKey,
  wrapSubFolderKey,
} from './owner.js';
export type { CreateFileInput, CreateRecordInput, NewFile, NewRecord } from './owner-records.js';
export { createFile, createRecord } from './owner-records.js';
export type { DecryptedFile, DecryptedRecord, DecryptedSharedFolder } from './record-types.js';
export type { BuildRequestInput, KsmRequest, Transmission } from './request-envelope.js';
export { buildRequest, decryptResponse, sealTransmissionKey } from './request-envelope.js';
export type { OpenedRequest } from './server-envelope.js';
export { encryptResponse, openRequest, verifyRequestSignature } from './server-envelope.js';
export type { SkippedItem } from './skipped.js';
export type { WireFile, WireFolder, WireRecord, WireSecretsResponse } from './wire-types.js';
