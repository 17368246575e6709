// Public crypto API of @ksmkit/core: AES-GCM/CBC, ECIES, ECDSA (DER), P-256 keys, PKCS#8, client id, UIDs.

export { generateFileUid, generateRecordUid, isUid } from '../uid.js';
export type { CbcEncryptOptions } from './aes-cbc.js';
export { cbcDecrypt, cbcEncrypt } from './aes-cbc.js';
export type { GcmEncryptOptions } from './aes-gcm.js';
export { gcmDecrypt, gcmEncrypt } from './aes-gcm.js';
export type { AesKey, AesKeyInput, AesMode, FolderKey } from './aes-key.js';
export { generateAesKey, importAesKey, importFolderKey } from './aes-key.js';
export type { CipherBackend } from './cipher-backend.js';
export { computeClientId } from './client-id.js';
export type { EcKeyPair } from './ec-keys.js';
export {
  exportPublicKey,
  generateEcKeyPair,
  importEcdhPrivateKey,
  importEcdhPublicKey,
  importSigningKey,
  importVerifyingKey,
  normalizePkcs8,
  publicKeyFromPkcs8,
} from './ec-keys.js';
export { signEcdsa, verifyEcdsa } from './ecdsa.js';
export { signatureFromDer, signatureToDer } from './ecdsa-der.js';
export type { PublicEncryptOptions } from './ecies.js';
export { publicDecrypt, publicEncrypt } from './ecies.js';
export { OpaqueAesKey } from './opaque-aes-key.js';
export type { EcPrivateKeyParts } from './pkcs8.js';
export { encodePkcs8, parsePkcs8 } from './pkcs8.js';
export { randomBytes } from './random.js';
