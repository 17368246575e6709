// Seals a response body (spec §4.2): AES-256-GCM(transmissionKey, UTF-8 JSON) as nonce ‖ ciphertext ‖ tag.
import { createCipheriv, randomBytes } from 'node:crypto';

const NONCE_LENGTH = 12;

/**
 * Encrypts `JSON.stringify(payload)` with the request's transmission key: the same bytes layout as
 * `encryptResponse` of @ksmkit/core (fresh random 12-byte nonce, 16-byte tag), computed synchronously with
 * Node's cipher so a large response is not copied through Web Crypto.
 *
 * @example
 * return c.body(sealResponse(auth.transmissionKey, result), 200);
 */
export function sealResponse(transmissionKey: Uint8Array, payload: unknown): Uint8Array<ArrayBuffer> {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', transmissionKey, nonce);
  const sealed = cipher.update(JSON.stringify(payload), 'utf8');
  const last = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(NONCE_LENGTH + sealed.length + last.length + tag.length);
  out.set(nonce);
  out.set(sealed, NONCE_LENGTH);
  out.set(last, NONCE_LENGTH + sealed.length);
  out.set(tag, NONCE_LENGTH + sealed.length + last.length);
  return out;
}
