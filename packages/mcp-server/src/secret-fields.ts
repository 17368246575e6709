// Which record fields hold secrets (masked unless a human approves) and the string values inside them.
import type { KeeperField } from '@ksmkit/core';

/** Field types whose values are secrets, standard or custom (a custom field of one of these types is secret too). */
export const SECRET_FIELD_TYPES: ReadonlySet<string> = new Set([
  'password',
  'secret',
  'pinCode',
  'oneTimeCode',
  'otp',
  'keyPair',
  'paymentCard',
  'cardNumber',
  'securityCode',
  'bankAccount',
  'accountNumber',
  'securityQuestion',
  'passkey',
  'licenseNumber',
  'note',
  'multiline',
  'script',
  'pamRemoteBrowserSettings',
]);

/**
 * True when a field's values must be masked: a secret type, or a field the record marks `privacyScreen`.
 *
 * @example
 * isSecretField({ type: 'password', value: ['x'] }) // true
 */
export function isSecretField(field: KeeperField): boolean {
  return SECRET_FIELD_TYPES.has(field.type) || field.privacyScreen === true;
}

/**
 * Every string leaf inside a field value (objects and arrays walked), for the scrubber.
 *
 * @example
 * stringLeaves([{ privateKey: 'k', publicKey: 'p' }]) // ['k', 'p']
 */
export function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' && Number.isFinite(value) && String(value).length >= 4) out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) stringLeaves(item, out);
  return out;
}
