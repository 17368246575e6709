// Public API of TOTP: otpauth URI parsing, RFC 6238 codes and the base32 decoder they rely on.
export type { Base32DecodeOptions } from './base32.js';
export { base32Decode } from './base32.js';
export type { OtpAuthParameters, TotpAlgorithm } from './otpauth-uri.js';
export { parseOtpAuthUri } from './otpauth-uri.js';
export type { TotpCode } from './totp.js';
export { computeTotp, getTotpCode } from './totp.js';
