// settings.json: host, port and throttle limits written by `init`, read by `serve` (flags override them).

import { dataDirPaths, readJsonFile, writeJsonAtomic } from './data-dir.js';
import { VaultError } from './errors.js';

/** Throttle limits: at most `requests` per `windowSeconds` per client and endpoint (spec §4.5). */
export interface ThrottleSettings {
  readonly requests: number;
  readonly windowSeconds: number;
}

/** Contents of settings.json. */
export interface Settings {
  readonly host: string;
  readonly port: number;
  readonly throttle: ThrottleSettings;
  /** Minutes a new one-time token stays valid when unused (default 60). */
  readonly tokenExpiresInMinutes: number;
  /** std b64 of the owner's PUBLIC key (the server sends it as `appOwnerPublicKey`); never a private key. */
  readonly ownerPublicKey?: string;
  /** The owner directory `init` used (owner keys, CA key): a path only; the server never opens it. */
  readonly ownerDir?: string;
}

/** Defaults `init` writes. */
export const DEFAULT_SETTINGS: Settings = {
  host: '127.0.0.1',
  port: 8443,
  throttle: { requests: 100, windowSeconds: 10 },
  tokenExpiresInMinutes: 60,
};

/**
 * Reads settings.json merged over the defaults (missing file or keys → defaults).
 *
 * @example
 * const { host, port, throttle } = readSettings(dataDir);
 */
export function readSettings(dataDir: string): Settings {
  const stored = readJsonFile<Partial<Settings>>(dataDirPaths(dataDir).settings) ?? {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new VaultError('ERR_INVALID_FILE', 'settings.json must hold a JSON object', {
      path: dataDirPaths(dataDir).settings,
    });
  }
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    throttle: { ...DEFAULT_SETTINGS.throttle, ...(stored.throttle ?? {}) },
  };
}

/**
 * Writes settings.json atomically (0600).
 *
 * @example
 * writeSettings(dataDir, { ...readSettings(dataDir), port: 9443 });
 */
export function writeSettings(dataDir: string, settings: Settings): void {
  writeJsonAtomic(dataDirPaths(dataDir).settings, settings);
}
