// Client side of the transport envelope (spec §4.1): transmission key, ECIES header, GCM body, DER signature.
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { type AesKeyInput, generateAesKey, importAesKey } from '../crypto/aes-key.js';
import { signEcdsa } from '../crypto/ecdsa.js';
import { publicEncrypt } from '../crypto/ecies.js';
import { base64Encode } from '../encoding/base64.js';
import { concatBytes, utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';

/** Inputs of `buildRequest`. */
export interface BuildRequestInput {
  /** The JSON payload (clientVersion, clientId, …); serialised compactly like the JS SDK. */
  readonly payload: unknown;
  /** The server's 65-byte public key (or an ECDH CryptoKey from `importEcdhPublicKey`). */
  readonly serverPublicKey: CryptoKey | Uint8Array<ArrayBuffer>;
  readonly serverPublicKeyId: string | number;
  /** The device's ECDSA key (`importSigningKey(config.privateKey)`). */
  readonly signingKey: CryptoKey;
  /** Test only: a fixed transmission key. */
  readonly transmissionKey?: Uint8Array<ArrayBuffer>;
}

/** A ready-to-send request: POST `body` with the three headers. */
export interface KsmRequest {
  /** `PublicKeyId` header value. */
  readonly publicKeyId: string;
  /** `TransmissionKey` header value: std base64 of the 125-byte ECIES blob. */
  readonly transmissionKeyHeader: string;
  /** Raw request body: GCM(transmissionKey, UTF-8 JSON). */
  readonly body: Uint8Array<ArrayBuffer>;
  /** `Authorization` header value: `Signature <std base64 DER>`. */
  readonly authorizationHeader: string;
  /** The 32-byte transmission key (what an offline cache stores next to the response). */
  readonly transmissionKey: Uint8Array<ArrayBuffer>;
  /** The same key imported (non-extractable) for `decryptResponse`. */
  readonly responseKey: CryptoKey;
}

/**
 * Builds one request. Call it again for every attempt: each needs a fresh transmission key (spec §4.1).
 *
 * @example
 * const req = await buildRequest({ payload, serverPublicKey, serverPublicKeyId: 10, signingKey });
 * const res = await fetch(url, { method: 'POST', body: req.body, headers: {
 *   PublicKeyId: req.publicKeyId, TransmissionKey: req.transmissionKeyHeader, Authorization: req.authorizationHeader } });
 */
export async function buildRequest(input: BuildRequestInput): Promise<KsmRequest> {
  const transmissionKey = input.transmissionKey ?? generateAesKey();
  const [encryptedKey, responseKey] = await Promise.all([
    publicEncrypt(transmissionKey, input.serverPublicKey),
    importAesKey(transmissionKey),
  ]);
  const body = await gcmEncrypt(responseKey, utf8Encode(JSON.stringify(input.payload)));
  const signature = await signEcdsa(input.signingKey, concatBytes(encryptedKey, body));
  return {
    publicKeyId: String(input.serverPublicKeyId),
    transmissionKeyHeader: base64Encode(encryptedKey),
    body,
    authorizationHeader: `Signature ${base64Encode(signature)}`,
    transmissionKey,
    responseKey,
  };
}

/**
 * Decrypts a 200 response body with the request's transmission key and parses its JSON; an empty body
 * (endpoints that return nothing) gives null. Throws `ERR_DECRYPT_FAILED` or `ERR_INVALID_INPUT` (not JSON).
 *
 * @example
 * const json = await decryptResponse(req.responseKey, new Uint8Array(await res.arrayBuffer()));
 */
export async function decryptResponse(transmissionKey: AesKeyInput, body: Uint8Array<ArrayBuffer>): Promise<unknown> {
  if (body.length === 0) return null;
  const text = utf8Decode(await gcmDecrypt(transmissionKey, body));
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_INPUT', 'The decrypted response is not JSON', { length: text.length }, { cause });
  }
}
