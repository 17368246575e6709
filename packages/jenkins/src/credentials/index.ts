// Credentials: where a credentialsId's device config lives, and the `ksm-step credentials` store.
export type { CredentialContext } from './locations.js';
export { CREDENTIAL_ID, configEnvNames, credentialFile, credentialsDir } from './locations.js';
export type { FoundCredential } from './lookup.js';
export { findCredential } from './lookup.js';
export { addCredential, listCredentials, removeCredential, replaceCredential, validateCredential } from './store.js';
