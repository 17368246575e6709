// Device initialisation from a one-time token (spec §2.1 step 1), like the official `initializeStorage`.
import { computeClientId } from '../crypto/client-id.js';
import { generateEcKeyPair } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import { checkCaCertificate, checkKeyId, decodeBytes } from './config-fields.js';
import { readDeviceConfig, writeDeviceConfig } from './config-storage.js';
import type { DeviceConfig } from './device-config.js';
import { parseOneTimeToken } from './one-time-token.js';
import { resolveServerKey } from './server-keys.js';
import type { KeyValueStorage } from './storage.js';

/** Options of `initializeConfig`; blank strings count as absent (handy with environment variables). */
export interface InitializeConfigOptions {
  /** Region code, `host[:port]`, `https://host[:port]` or `http://<loopback>:port`; wins over a token prefix. */
  readonly hostname?: string | undefined;
  /** Where a bare token binds when `hostname` is absent (e.g. `DEFAULT_REGION`); see `parseOneTimeToken`. */
  readonly defaultHostname?: string | undefined;
  /** Custom server key (self-hosted, IL5): url base64 of the 65-byte point (std base64 accepted). */
  readonly serverPublicKey?: string | undefined;
  /** Id sent with the custom key, or the built-in key to use (7-18). Digits. */
  readonly serverPublicKeyId?: string | number | undefined;
  /** PEM CA certificate(s) of a self-hosted server, kept in the config as `caCertificate` (ksmkit only). */
  readonly caCertificate?: string | undefined;
}

/** What `initializeConfig` did. */
export interface InitializeConfigResult {
  /** False when the storage was already initialised with the same token (nothing was written). */
  readonly created: boolean;
  /** The config now in the storage. */
  readonly config: DeviceConfig;
}

function present<T>(value: T | undefined): T | undefined {
  return value === '' || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

function sameClientId(stored: string, clientId: string): boolean {
  try {
    return base64Encode(base64Decode(stored.trim())) === clientId;
  } catch {
    return false;
  }
}

/**
 * Initialises a device config from a one-time token: parses it (`parseOneTimeToken`), then writes
 * `hostname`, `clientId`, `clientKey`, a new 138-byte `privateKey`, and `serverPublicKeyId` /
 * `serverPublicKey` / `caCertificate` when given (options win over an IL5 token's key). If the storage already
 * holds the same `clientId` nothing is written (`created: false`); a different `clientId` throws
 * `ERR_CONFIG_CONFLICT`. Also throws `ERR_INVALID_TOKEN`, `ERR_INVALID_HOSTNAME`, `ERR_INVALID_CONFIG` (bad
 * options) and `ERR_UNKNOWN_SERVER_KEY`, all before anything is written.
 *
 * @example
 * const storage = createMemoryStorage();
 * await initializeConfig(storage, 'US:YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c');
 * await initializeConfig(storage, token, { hostname: 'https://vault.example.com:8443', serverPublicKey, serverPublicKeyId: '20' });
 */
export async function initializeConfig(
  storage: KeyValueStorage,
  token: string,
  options: InitializeConfigOptions = {},
): Promise<InitializeConfigResult> {
  const parsed = parseOneTimeToken(token, {
    hostname: options.hostname,
    defaultHostname: options.defaultHostname,
  });
  const keyText = present(options.serverPublicKey);
  const keyId = present(options.serverPublicKeyId);
  const caCertificate = present(options.caCertificate);
  const serverPublicKey = keyText === undefined ? parsed.serverPublicKey : decodeBytes('serverPublicKey', keyText);
  const serverPublicKeyId = keyId === undefined ? parsed.serverPublicKeyId : checkKeyId(keyId);
  if (caCertificate !== undefined) checkCaCertificate(caCertificate);
  resolveServerKey({ serverPublicKeyId, serverPublicKey });

  const clientId = await computeClientId(parsed.clientKey);
  const existing = await storage.getString('clientId');
  if (existing !== undefined && existing !== '') {
    if (sameClientId(existing, clientId)) return { created: false, config: await readDeviceConfig(storage) };
    throw new KsmError(
      'ERR_CONFIG_CONFLICT',
      'The storage is already initialised for a different client (another one-time token); use a new storage or clear it first',
      {},
    );
  }
  const { privateKey } = await generateEcKeyPair();
  const config: DeviceConfig = {
    hostname: parsed.hostname,
    clientId,
    clientKey: parsed.clientKey,
    privateKey,
    ...(serverPublicKeyId === undefined ? {} : { serverPublicKeyId }),
    ...(serverPublicKey === undefined ? {} : { serverPublicKey }),
    ...(caCertificate === undefined ? {} : { caCertificate }),
  };
  await writeDeviceConfig(storage, config);
  return { created: true, config };
}
