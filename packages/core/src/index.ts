// @ksmkit/core: runtime-neutral Keeper Secrets Manager core (Web APIs only). Each area has its own flat barrel.

export * from './client/index.js';
export * from './config/index.js';
export * from './crypto/index.js';
export { base64Decode, base64Encode, base64UrlEncode } from './encoding/base64.js';
export { bytesToHex, concatBytes, hexToBytes, timingSafeEqual, utf8Decode, utf8Encode } from './encoding/bytes.js';
export type { KsmErrorCode, KsmErrorDetails } from './errors.js';
export { isKsmError, KsmError } from './errors.js';
export * from './keychain/index.js';
export * from './notation/index.js';
export * from './password/index.js';
export * from './record/index.js';
export * from './totp/index.js';
