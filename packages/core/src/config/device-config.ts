// The device config model (spec §2.1): typed fields, and the flat string record the official SDKs store.
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import {
  checkBytes,
  checkCaCertificate,
  checkClientIdMatches,
  checkHostname,
  checkKeyId,
  decodeBytes,
  decodePrivateKey,
  encodePrivateKey,
  invalidConfig,
} from './config-fields.js';

/**
 * A device config, typed. Byte fields hold raw bytes; the record form (`deviceConfigToRecord`) holds the
 * official encodings. `caCertificate` is ksmkit's own key (the official SDKs ignore unknown keys): the PEM of
 * the CA that signed a self-hosted server's TLS certificate, for transports that can pin it.
 */
export interface DeviceConfig {
  /** Normalised hostname: `host[:port]`, or `http://<loopback>[:port]` (ksmkit only). */
  readonly hostname: string;
  /** std base64 of HMAC-SHA512(clientKey, tag): 88 characters. */
  readonly clientId: string;
  /** The 32 one-time token bytes; present until the device is bound. Secret. */
  readonly clientKey?: Uint8Array<ArrayBuffer> | undefined;
  /** Device signing key: the 138-byte PKCS#8 (normalised from 150- and 67-byte forms on input). Secret. */
  readonly privateKey: Uint8Array<ArrayBuffer>;
  /** 32-byte application key, stored at binding. Secret. */
  readonly appKey?: Uint8Array<ArrayBuffer> | undefined;
  /** 65-byte point of the vault owner's public key, stored at binding. */
  readonly appOwnerPublicKey?: Uint8Array<ArrayBuffer> | undefined;
  /** Id of the server key to wrap transmission keys with (default 7, see `resolveServerKey`). */
  readonly serverPublicKeyId?: number | undefined;
  /** 65-byte point of a custom server key (IL5, self-hosted); overrides Keeper's built-in table. */
  readonly serverPublicKey?: Uint8Array<ArrayBuffer> | undefined;
  /** PEM CA certificate(s) for a self-hosted server (ksmkit-specific key). */
  readonly caCertificate?: string | undefined;
}

/** Every key a device config record may hold, in the order ksmkit writes them. */
export const DEVICE_CONFIG_KEYS = [
  'hostname',
  'clientId',
  'clientKey',
  'privateKey',
  'serverPublicKeyId',
  'serverPublicKey',
  'appKey',
  'appOwnerPublicKey',
  'caCertificate',
] as const;

/** One key of a device config. */
export type DeviceConfigKey = (typeof DEVICE_CONFIG_KEYS)[number];

/** A device config in its stored form: flat string values, std base64 keys (url base64 `serverPublicKey`). */
export type DeviceConfigRecord = Partial<Record<DeviceConfigKey, string>>;

/** A config key present with a usable value, as a string; blank and null count as absent (official readers agree). */
function readText(record: Readonly<Record<string, unknown>>, key: DeviceConfigKey): string | undefined {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && key === 'serverPublicKeyId') return String(value);
  if (typeof value !== 'string') throw invalidConfig(key, 'type', 'must be a string');
  return value;
}

/**
 * Reads a stored config record (a parsed config JSON, or the values of a storage) into a typed, validated
 * `DeviceConfig`. Lenient where the SDKs disagree: either base64 alphabet, padding optional, `privateKey` in
 * the 138-, 150- or 67-byte PKCS#8 form (normalised to 138 bytes), a numeric `serverPublicKeyId`, region codes
 * and `https://` in `hostname`. Unknown keys are ignored. Throws `ERR_CONFIG_NOT_INITIALIZED` without a
 * `clientId`, otherwise `ERR_INVALID_CONFIG` with `details.key` and `details.reason` (values never echoed).
 *
 * @example
 * const config = await deviceConfigFromRecord(JSON.parse(fileText));
 * config.privateKey.length; // 138
 */
export async function deviceConfigFromRecord(record: Readonly<Record<string, unknown>>): Promise<DeviceConfig> {
  const clientIdText = readText(record, 'clientId');
  if (clientIdText === undefined) {
    throw new KsmError(
      'ERR_CONFIG_NOT_INITIALIZED',
      'The device config has no clientId: initialise it with a one-time token (initializeConfig) or use a configuration exported from the Keeper vault',
      {},
    );
  }
  const hostnameText = readText(record, 'hostname');
  if (hostnameText === undefined) throw invalidConfig('hostname', 'missing', 'is required');
  const privateKeyText = readText(record, 'privateKey');
  if (privateKeyText === undefined) throw invalidConfig('privateKey', 'missing', 'is required');
  const optionalBytes = (key: 'clientKey' | 'appKey' | 'appOwnerPublicKey' | 'serverPublicKey') => {
    const text = readText(record, key);
    return text === undefined ? undefined : decodeBytes(key, text);
  };
  const config: { -readonly [K in keyof DeviceConfig]: DeviceConfig[K] } = {
    hostname: checkHostname(hostnameText),
    clientId: base64Encode(decodeBytes('clientId', clientIdText)),
    privateKey: await decodePrivateKey(privateKeyText),
  };
  const clientKey = optionalBytes('clientKey');
  if (clientKey !== undefined) {
    await checkClientIdMatches(clientKey, config.clientId);
    config.clientKey = clientKey;
  }
  const appKey = optionalBytes('appKey');
  if (appKey !== undefined) config.appKey = appKey;
  const appOwnerPublicKey = optionalBytes('appOwnerPublicKey');
  if (appOwnerPublicKey !== undefined) config.appOwnerPublicKey = appOwnerPublicKey;
  const keyIdText = readText(record, 'serverPublicKeyId');
  if (keyIdText !== undefined) config.serverPublicKeyId = checkKeyId(keyIdText);
  const serverPublicKey = optionalBytes('serverPublicKey');
  if (serverPublicKey !== undefined) config.serverPublicKey = serverPublicKey;
  const caCertificate = readText(record, 'caCertificate');
  if (caCertificate !== undefined) config.caCertificate = checkCaCertificate(caCertificate);
  if (clientKey === undefined && appKey === undefined) throw neitherKey();
  return config;
}

function neitherKey(): KsmError {
  return invalidConfig('appKey', 'missing', 'or "clientKey" is required (a bound or a not yet bound device)');
}

/**
 * The stored form of a config, exactly as the official SDKs write it: flat strings, std base64 for keys,
 * url base64 for `serverPublicKey`, the 138-byte PKCS#8, the key id as a decimal string; absent fields are
 * omitted. Validates sizes and formats; throws `ERR_INVALID_CONFIG` (never echoing values).
 *
 * @example
 * const record = deviceConfigToRecord(config);
 * record.privateKey; // 'MIGHAgEAMBMG…'
 */
export function deviceConfigToRecord(config: DeviceConfig): DeviceConfigRecord {
  const clientId = decodeBytes('clientId', config.clientId);
  for (const key of ['clientKey', 'appKey', 'appOwnerPublicKey', 'serverPublicKey'] as const) {
    checkBytes(key, config[key]);
  }
  if (config.clientKey === undefined && config.appKey === undefined) throw neitherKey();
  const record: DeviceConfigRecord = {
    hostname: checkHostname(config.hostname),
    clientId: base64Encode(clientId),
  };
  if (config.clientKey !== undefined) record.clientKey = base64Encode(config.clientKey);
  record.privateKey = encodePrivateKey(config.privateKey);
  if (config.serverPublicKeyId !== undefined) record.serverPublicKeyId = String(checkKeyId(config.serverPublicKeyId));
  if (config.serverPublicKey !== undefined) record.serverPublicKey = base64UrlEncode(config.serverPublicKey);
  if (config.appKey !== undefined) record.appKey = base64Encode(config.appKey);
  if (config.appOwnerPublicKey !== undefined) record.appOwnerPublicKey = base64Encode(config.appOwnerPublicKey);
  if (config.caCertificate !== undefined) record.caCertificate = checkCaCertificate(config.caCertificate);
  return record;
}
