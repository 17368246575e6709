// Server side of the transport envelope (spec §4.2): open a request, verify its signature, seal a response.
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { type AesKeyInput, importAesKey } from '../crypto/aes-key.js';
import { verifyEcdsa } from '../crypto/ecdsa.js';
import { publicDecrypt } from '../crypto/ecies.js';
import { base64Decode } from '../encoding/base64.js';
import { concatBytes, utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';

/** A decrypted request. */
export interface OpenedRequest {
  /** The 32-byte transmission key. */
  readonly transmissionKey: Uint8Array<ArrayBuffer>;
  /** The same key imported (non-extractable) for `encryptResponse`. */
  readonly responseKey: CryptoKey;
  /** The decoded `TransmissionKey` header: the first part of the signed bytes. */
  readonly encryptedTransmissionKey: Uint8Array<ArrayBuffer>;
  /** The parsed JSON payload (unverified until `verifyRequestSignature` says so). */
  readonly payload: unknown;
}

/**
 * ECIES-decrypts the `TransmissionKey` header with the server key, then GCM-decrypts and parses the body.
 * Throws `ERR_INVALID_BASE64`, `ERR_DECRYPT_FAILED` or `ERR_INVALID_INPUT` (body is not JSON); all map to
 * `access_denied`.
 *
 * @example
 * const req = await openRequest({ transmissionKeyHeader: headers.get('TransmissionKey') ?? '', body, serverPrivateKey });
 */
export async function openRequest(input: {
  readonly transmissionKeyHeader: string;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The server's PKCS#8, or an ECDH CryptoKey from `importEcdhPrivateKey`. */
  readonly serverPrivateKey: CryptoKey | Uint8Array<ArrayBuffer>;
}): Promise<OpenedRequest> {
  const encryptedTransmissionKey = base64Decode(input.transmissionKeyHeader);
  const transmissionKey = await publicDecrypt(encryptedTransmissionKey, input.serverPrivateKey);
  const responseKey = await importAesKey(transmissionKey);
  const text = utf8Decode(await gcmDecrypt(responseKey, input.body));
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_INPUT', 'The request body is not JSON', { length: text.length }, { cause });
  }
  return { transmissionKey, responseKey, encryptedTransmissionKey, payload };
}

/**
 * Verifies `Authorization: Signature <b64 DER>` over `TransmissionKey bytes ‖ body` with the device public key.
 * Returns false (never throws) for a missing or malformed header, bad base64, a bad key or a bad signature.
 *
 * @example
 * if (!(await verifyRequestSignature({ encryptedTransmissionKey, body, authorizationHeader, publicKey }))) deny();
 */
export async function verifyRequestSignature(input: {
  readonly encryptedTransmissionKey: Uint8Array<ArrayBuffer>;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly authorizationHeader: string | null | undefined;
  /** The device's 65-byte public key or an ECDSA verify CryptoKey. */
  readonly publicKey: CryptoKey | Uint8Array<ArrayBuffer>;
}): Promise<boolean> {
  const header = input.authorizationHeader;
  if (typeof header !== 'string' || !header.startsWith('Signature ')) return false;
  let signature: Uint8Array;
  try {
    signature = base64Decode(header.slice('Signature '.length).trim());
  } catch {
    return false;
  }
  return verifyEcdsa(input.publicKey, concatBytes(input.encryptedTransmissionKey, input.body), signature);
}

/**
 * Seals a response: GCM(transmissionKey, UTF-8 JSON). Endpoints without a result may send an empty body instead.
 *
 * @example
 * return new Response(await encryptResponse(req.responseKey, result), { headers: { 'Content-Type': 'application/octet-stream' } });
 */
export function encryptResponse(transmissionKey: AesKeyInput, payload: unknown): Promise<Uint8Array<ArrayBuffer>> {
  return gcmEncrypt(transmissionKey, utf8Encode(JSON.stringify(payload)));
}
