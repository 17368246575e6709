// The distinct access-denied results of the shared wire contract (briefs/wire-errors.md): 403 access_denied
// with a specific result_code each, so clients can tell the operator what to do.
import type { VaultError } from '../store/errors.js';
import { protocolError } from './errors.js';

/** result_code → message of every distinct denial (no secrets, no ids). */
export const DENIALS = {
  invalid_client: 'Unable to validate application access',
  signature_invalid: 'Signature is invalid',
  device_removed: 'This device was removed from the application; ask the owner for a new one-time token',
  device_expired: "This device's access expired; ask the owner for a new one-time token",
  device_ip_locked:
    'This device is locked to another IP address; ask the owner for a new one-time token created with --unlock-ip',
  token_expired: 'The one-time token expired; ask the owner for a new one',
  token_used: 'The one-time token was already used; ask the owner for a new one',
} as const;

/** A result_code of the contract. */
export type DenialCode = keyof typeof DENIALS;

/**
 * The 403 `{"error":"access_denied","result_code":code,"message":…}` error for one denial.
 *
 * @example
 * throw denied('device_expired');
 */
export function denied(code: DenialCode): VaultError {
  return protocolError('access_denied', 403, DENIALS[code], { resultCode: code });
}
