// Public API of @ksmkit/config/keyring: the Linux keyring (Secret Service over D-Bus), lkru-compatible items.

export type { KeyringOptions, KeyringStorageOptions } from './keyring-storage.js';
export {
  createKeyringStorage,
  keyringDelete,
  keyringGet,
  keyringSet,
  LKRU_AGENT,
  LKRU_APPLICATION,
  LKRU_CONTENT_TYPE,
  lkruAttributes,
} from './keyring-storage.js';
export type { CollectionRef, SecretService } from './secret-service.js';
export { collectionPath, openSecretService } from './secret-service.js';
