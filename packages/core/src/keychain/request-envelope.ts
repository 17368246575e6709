// Client side of the transport envelope (spec §4.1): transmission key, ECIES header, GCM body, DER signature.
import { gcmDecrypt, gcmEncrypt } from '../crypto/aes-gcm.js';
import { type AesKeyInput, generateAesKey, importAesKey } from '../crypto/aes-key.js';
import { type CipherBackend, openWithBackend } from '../crypto/cipher-backend.js';
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
  /** A transmission key sealed ahead of time to this server key (`sealTransmissionKey`); never reuse one. */
  readonly transmission?: Transmission | undefined;
}

/** A transmission key sealed to one server key: the part of a request that does not depend on its payload. */
export interface Transmission {
  readonly transmissionKey: Uint8Array<ArrayBuffer>;
  /** ECIES(serverPublicKey, transmissionKey): the 125 bytes of the `TransmissionKey` header. */
  readonly encryptedKey: Uint8Array<ArrayBuffer>;
  /** The transmission key imported (non-extractable) to encrypt the body and open the response. */
  readonly responseKey: CryptoKey;
}

/**
 * Makes a fresh transmission key and seals it to the server's key, so it can be done before the payload is known
 * (a client prepares the next one while a request is on the wire). Each result must serve one request only.
 *
 * @example
 * const transmission = await sealTransmissionKey(serverPublicKey);
 * const req = await buildRequest({ payload, serverPublicKey, serverPublicKeyId: 10, signingKey, transmission });
 */
export async function sealTransmissionKey(
  serverPublicKey: CryptoKey | Uint8Array<ArrayBuffer>,
  transmissionKey: Uint8Array<ArrayBuffer> = generateAesKey(),
): Promise<Transmission> {
  const [encryptedKey, responseKey] = await Promise.all([
    publicEncrypt(transmissionKey, serverPublicKey),
    importAesKey(transmissionKey),
  ]);
  return { transmissionKey, encryptedKey, responseKey };
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
  const { transmissionKey, encryptedKey, responseKey } =
    input.transmission ?? (await sealTransmissionKey(input.serverPublicKey, input.transmissionKey));
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
 * With a cipher backend and the raw transmission key, the body is opened by the backend.
 *
 * @example
 * const json = await decryptResponse(req.responseKey, new Uint8Array(await res.arrayBuffer()));
 */
export async function decryptResponse(
  transmissionKey: AesKeyInput,
  body: Uint8Array<ArrayBuffer>,
  cipher?: CipherBackend,
): Promise<unknown> {
  if (body.length === 0) return null;
  const plain =
    cipher !== undefined && transmissionKey instanceof Uint8Array
      ? openWithBackend(cipher, transmissionKey, body)
      : await gcmDecrypt(transmissionKey, body);
  const text = utf8Decode(plain);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new KsmError('ERR_INVALID_INPUT', 'The decrypted response is not JSON', { length: text.length }, { cause });
  }
}
