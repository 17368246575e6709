// The server's P-256 transmission key pair (server-key.json, 0600): created by `init`, loaded by `serve`.
import { base64Decode, base64Encode, base64UrlEncode, generateEcKeyPair, publicKeyFromPkcs8 } from '@ksmkit/core';
import { assertPrivateFile, dataDirPaths, readJsonFile, writeJsonAtomic } from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';

/** The default `serverPublicKeyId` (digits only, outside Keeper's 7–18 so misconfiguration is obvious). */
export const DEFAULT_SERVER_KEY_ID = 20;

/** The server transmission key pair as loaded from server-key.json. */
export interface ServerKey {
  readonly keyId: number;
  /** 138-byte PKCS#8 (ECIES-decrypts `TransmissionKey` headers). */
  readonly privateKey: Uint8Array<ArrayBuffer>;
  /** 65-byte uncompressed point. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
  /** url b64 of the point: the clients' `serverPublicKey`. */
  readonly publicKeyText: string;
}

interface ServerKeyFile {
  keyId: number;
  privateKey: string;
  publicKey: string;
}

/**
 * Validates a server key id: an integer ≥ 19 (Keeper's own ids are 1–18; clients map some of them specially).
 *
 * @example
 * checkServerKeyId(20); // 20
 */
export function checkServerKeyId(keyId: number): number {
  if (!Number.isSafeInteger(keyId) || keyId < 19) {
    throw new VaultError(
      'ERR_INVALID_ARGUMENT',
      `The server key id must be an integer of 19 or more (Keeper uses 1–18), e.g. ${DEFAULT_SERVER_KEY_ID}`,
      { keyId: String(keyId) },
    );
  }
  return keyId;
}

/**
 * Generates the server transmission key pair and writes server-key.json (0600). Refuses to overwrite an
 * existing key (every bound client trusts it) with `ERR_ALREADY_INITIALIZED`.
 *
 * @example
 * const key = await createServerKey(dataDir, { keyId: 20 });
 */
export async function createServerKey(dataDir: string, options: { readonly keyId?: number } = {}): Promise<ServerKey> {
  const path = dataDirPaths(dataDir).serverKey;
  if (readJsonFile<ServerKeyFile>(path) !== undefined) {
    throw new VaultError(
      'ERR_ALREADY_INITIALIZED',
      `${path} already exists; clients trust it, so it is never replaced`,
      {
        path,
      },
    );
  }
  const keyId = checkServerKeyId(options.keyId ?? DEFAULT_SERVER_KEY_ID);
  const pair = await generateEcKeyPair();
  const file: ServerKeyFile = {
    keyId,
    privateKey: base64Encode(pair.privateKey),
    publicKey: base64UrlEncode(pair.publicKey),
  };
  writeJsonAtomic(path, file, 0o600);
  return { keyId, privateKey: pair.privateKey, publicKey: pair.publicKey, publicKeyText: file.publicKey };
}

/**
 * Loads server-key.json. Throws `ERR_NOT_INITIALIZED` when missing ("run `ksmkit-vault init` first") and
 * `ERR_INVALID_FILE` when the public key does not match the private key.
 *
 * @example
 * const { keyId, privateKey, publicKeyText } = await loadServerKey(dataDir);
 */
export async function loadServerKey(dataDir: string): Promise<ServerKey> {
  const path = dataDirPaths(dataDir).serverKey;
  assertPrivateFile(path);
  const file = readJsonFile<ServerKeyFile>(path);
  if (file === undefined) {
    throw new VaultError('ERR_NOT_INITIALIZED', `No server key in ${dataDir}; run \`ksmkit-vault init\` first`, {
      path,
    });
  }
  try {
    const privateKey = base64Decode(file.privateKey);
    const publicKey = await publicKeyFromPkcs8(privateKey);
    const publicKeyText = base64UrlEncode(publicKey);
    if (publicKeyText !== base64UrlEncode(base64Decode(file.publicKey))) throw new Error('public key mismatch');
    return { keyId: checkServerKeyId(Number(file.keyId)), privateKey, publicKey, publicKeyText };
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw new VaultError('ERR_INVALID_FILE', `${path} is damaged (bad or mismatched key)`, { path }, { cause: error });
  }
}
