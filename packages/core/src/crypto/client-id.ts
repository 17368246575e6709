// The KSM client id: std base64 of HMAC-SHA512(key = one-time token bytes, message = a fixed tag) (spec §3.6).
import { base64Encode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';

const CLIENT_ID_TAG = utf8Encode('KEEPER_SECRETS_MANAGER_CLIENT_ID');

/**
 * Computes `clientId` from the 32 bytes of a one-time token (the "clientKey"). The token is the HMAC key;
 * the constant string is the message. The result is 88 characters of std base64.
 *
 * @example
 * const clientId = await computeClientId(base64Decode('YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c'));
 */
export async function computeClientId(clientKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', clientKey, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  return base64Encode(new Uint8Array(await crypto.subtle.sign('HMAC', key, CLIENT_ID_TAG)));
}
