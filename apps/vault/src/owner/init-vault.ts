// `init`: create a data directory with owner keys, the server key pair, the local CA + certificate and settings.
import { existsSync } from 'node:fs';
import { base64Encode } from '@ksmkit/core';
import { createServerKey, DEFAULT_SERVER_KEY_ID, loadServerKey } from '../server/server-key.js';
import { createTls, isLoopbackHost } from '../server/tls.js';
import { dataDirPaths, ensureDataDir } from '../store/data-dir.js';
import { VaultError } from '../store/errors.js';
import { openDatabase } from '../store/open-database.js';
import { ownerDirPaths, resolveOwnerDir } from '../store/owner-dir.js';
import { DEFAULT_SETTINGS, readSettings, type Settings, writeSettings } from '../store/settings.js';
import { createOwnerKeys } from './owner-keys.js';

/** Options of `initVault`. */
export interface InitVaultOptions {
  readonly host?: string;
  readonly port?: number;
  readonly keyId?: number;
  readonly throttle?: Settings['throttle'];
  /** Return the existing vault instead of failing with `ERR_ALREADY_INITIALIZED`. */
  readonly ifNeeded?: boolean;
  /** Where the owner keys and the CA key go (default: see `resolveOwnerDir`, `<dataDir>-owner`). */
  readonly ownerDir?: string;
}

/** What `init` reports. */
export interface InitVaultResult {
  readonly dataDir: string;
  /** The owner directory (owner keys, CA key): keep it where only the admin reads it. */
  readonly ownerDir: string;
  readonly created: boolean;
  readonly caCertPath: string;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  readonly host: string;
  readonly port: number;
}

/**
 * True when `dataDir` holds an initialised vault (owner keys present).
 *
 * @example
 * if (!isInitialized(dataDir)) await initVault(dataDir);
 */
export function isInitialized(dataDir: string, ownerDir?: string): boolean {
  return existsSync(ownerDirPaths(dataDir, ownerDir).ownerKeys);
}

/**
 * Initialises a vault: data dir (0700), owner-keys.json, server-key.json, tls/ (keys 0600), settings.json
 * and an empty migrated vault.db.
 *
 * @example
 * const { serverPublicKey, caCertPath } = await initVault(dataDir, { port: 8443 });
 */
export async function initVault(dataDir: string, options: InitVaultOptions = {}): Promise<InitVaultResult> {
  const paths = dataDirPaths(dataDir);
  const ownerDir = resolveOwnerDir(dataDir, options.ownerDir);
  let created = false;
  if (isInitialized(dataDir, ownerDir) && !existsSync(paths.serverKey)) {
    throw new VaultError(
      'ERR_CONFLICT',
      `${ownerDir} holds the owner keys of a vault whose data directory ${paths.root} is gone; restore that directory, or remove ${ownerDir} to start a new vault`,
      { dataDir: paths.root },
    );
  }
  if (isInitialized(dataDir, ownerDir)) {
    if (options.ifNeeded !== true) {
      throw new VaultError('ERR_ALREADY_INITIALIZED', `${paths.root} already holds a vault; nothing was changed`, {
        dataDir: paths.root,
      });
    }
  } else {
    ensureDataDir(dataDir);
    const host = options.host ?? DEFAULT_SETTINGS.host;
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      host,
      port: options.port ?? DEFAULT_SETTINGS.port,
      throttle: options.throttle ?? DEFAULT_SETTINGS.throttle,
    };
    // A run interrupted earlier may have left some parts: keep them (clients may already trust them).
    if (!existsSync(paths.serverKey)) await createServerKey(dataDir, { keyId: options.keyId ?? DEFAULT_SERVER_KEY_ID });
    const caKey = ownerDirPaths(dataDir, ownerDir).caKey;
    if (!existsSync(paths.caCert) || !existsSync(caKey) || !existsSync(paths.serverCert)) {
      await createTls(dataDir, {
        hosts: isLoopbackHost(host) || host === '0.0.0.0' || host === '::' ? [] : [host],
        ownerDir,
      });
    }
    openDatabase(paths.database).close();
    // Owner keys near the end: their presence marks the vault as initialised.
    const ownerKeys = await createOwnerKeys(dataDir, ownerDir);
    writeSettings(dataDir, { ...settings, ownerPublicKey: base64Encode(ownerKeys.ownerPublicKey), ownerDir });
    created = true;
  }
  const key = await loadServerKey(dataDir);
  const settings = readSettings(dataDir);
  return {
    dataDir: paths.root,
    ownerDir,
    created,
    caCertPath: paths.caCert,
    serverPublicKey: key.publicKeyText,
    serverPublicKeyId: key.keyId,
    host: settings.host,
    port: settings.port,
  };
}
