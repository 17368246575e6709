// The owner's keys (owner-keys.json, 0600): the AES key wrapping every owner copy, and the app owner key pair.
import { base64Decode, base64Encode, generateAesKey, generateEcKeyPair, publicKeyFromPkcs8 } from '@ksmkit/core';
import { assertPrivateFile, ensurePrivateDir, readJsonFile, writeJsonAtomic } from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';
import { ownerDirPaths } from '../store/owner-dir.js';

/** The vault owner's keys; only the admin tool ever reads them. */
export interface OwnerKeys {
  /** 32-byte AES key: GCM-wraps app keys and folder keys for the owner. */
  readonly ownerKey: Uint8Array<ArrayBuffer>;
  /** 138-byte PKCS#8: ECIES-unwraps record and file keys (incl. those devices created). */
  readonly ownerPrivateKey: Uint8Array<ArrayBuffer>;
  /** 65-byte point: every device's `appOwnerPublicKey`. */
  readonly ownerPublicKey: Uint8Array<ArrayBuffer>;
}

interface OwnerKeysFile {
  ownerKey: string;
  ownerPrivateKey: string;
  ownerPublicKey: string;
}

/**
 * Generates the owner keys and writes owner-keys.json (0600) in the owner directory (0700; see
 * `resolveOwnerDir`). Refuses to overwrite existing keys (`ERR_ALREADY_INITIALIZED`): everything in the vault
 * is wrapped with them.
 *
 * @example
 * const keys = await createOwnerKeys(dataDir);
 */
export async function createOwnerKeys(dataDir: string, ownerDir?: string): Promise<OwnerKeys> {
  const owner = ownerDirPaths(dataDir, ownerDir);
  const path = owner.ownerKeys;
  ensurePrivateDir(owner.root);
  if (readJsonFile<OwnerKeysFile>(path) !== undefined) {
    throw new VaultError('ERR_ALREADY_INITIALIZED', `${path} already exists; owner keys are never replaced`, { path });
  }
  const pair = await generateEcKeyPair();
  const keys: OwnerKeys = {
    ownerKey: generateAesKey(),
    ownerPrivateKey: pair.privateKey,
    ownerPublicKey: pair.publicKey,
  };
  writeJsonAtomic(
    path,
    {
      ownerKey: base64Encode(keys.ownerKey),
      ownerPrivateKey: base64Encode(keys.ownerPrivateKey),
      ownerPublicKey: base64Encode(keys.ownerPublicKey),
    } satisfies OwnerKeysFile,
    0o600,
  );
  return keys;
}

/**
 * Loads owner-keys.json from the owner directory (or, for older vaults, the data directory). Throws
 * `ERR_NOT_INITIALIZED` ("run `ksmkit-vault init` first") when it is missing, `ERR_KEY_FILE_MODE` when others
 * may read it and `ERR_INVALID_FILE` when it is damaged.
 *
 * @example
 * const { ownerKey, ownerPrivateKey } = await loadOwnerKeys(dataDir);
 */
export async function loadOwnerKeys(dataDir: string, ownerDir?: string): Promise<OwnerKeys> {
  const path = ownerDirPaths(dataDir, ownerDir).ownerKeys;
  assertPrivateFile(path);
  const file = readJsonFile<OwnerKeysFile>(path);
  if (file === undefined) {
    throw new VaultError('ERR_NOT_INITIALIZED', `No vault in ${dataDir}; run \`ksmkit-vault init\` first`, { path });
  }
  try {
    const ownerKey = base64Decode(file.ownerKey);
    const ownerPrivateKey = base64Decode(file.ownerPrivateKey);
    const ownerPublicKey = await publicKeyFromPkcs8(ownerPrivateKey);
    if (ownerKey.length !== 32 || base64Encode(ownerPublicKey) !== base64Encode(base64Decode(file.ownerPublicKey))) {
      throw new Error('inconsistent owner keys');
    }
    return { ownerKey, ownerPrivateKey, ownerPublicKey };
  } catch (error) {
    throw new VaultError('ERR_INVALID_FILE', `${path} is damaged (bad or mismatched keys)`, { path }, { cause: error });
  }
}
