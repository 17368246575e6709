// Config files and base64 config strings (spec §2.2): lenient reading, output in the official SDK's shape.
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { utf8Decode, utf8Encode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import { type DeviceConfig, deviceConfigFromRecord, deviceConfigToRecord } from './device-config.js';

/** Options of `serializeDeviceConfig`. */
export interface SerializeConfigOptions {
  /** `json`: the config file the official SDK writes (2-space indent). `base64`: std base64 of compact JSON. */
  readonly format: 'json' | 'base64';
}

const EXPECTED =
  'expected config JSON ({"hostname": …, "clientId": …}) or base64 of it (standard or URL-safe alphabet)';

function notAConfig(reason: string): KsmError {
  return new KsmError('ERR_INVALID_CONFIG', `Not a device config: ${EXPECTED}`, { key: null, reason });
}

/** The trimmed UTF-8 text of base64 (line breaks allowed), or undefined when it is not base64. */
function decodeBase64Text(text: string): string | undefined {
  try {
    return utf8Decode(base64Decode(text.replace(/\s+/g, '')))
      .replace(/^\uFEFF/, '')
      .trim();
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The JSON object inside `text` (JSON or base64 of JSON). SyntaxErrors are dropped: they quote the input. */
function configObject(text: string): Record<string, unknown> {
  let json = text.replace(/^\uFEFF/, '').trim();
  if (json.length === 0) throw notAConfig('empty');
  if (!json.startsWith('{')) {
    const decoded = decodeBase64Text(json);
    if (decoded === undefined || !decoded.startsWith('{') || !decoded.endsWith('}')) {
      throw notAConfig(isJson(json) ? 'not-object' : 'not-json-or-base64');
    }
    json = decoded;
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw notAConfig('json-syntax');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notAConfig('not-object');
  return value as Record<string, unknown>;
}

/**
 * Parses a device config given as JSON text (a config file) or as a base64 config string (std or URL-safe
 * alphabet, padded or not, line breaks allowed), validating every key (see `deviceConfigFromRecord`). Throws
 * `ERR_INVALID_CONFIG` (`details.reason`) or `ERR_CONFIG_NOT_INITIALIZED`; never echoes the input.
 *
 * @example
 * const config = await parseDeviceConfig(env.KSM_CONFIG);
 * config.hostname; // 'keepersecurity.com'
 */
export async function parseDeviceConfig(text: string): Promise<DeviceConfig> {
  return deviceConfigFromRecord(configObject(text));
}

/**
 * Serialises a config in the official SDK's shape: flat JSON (std base64 keys, 138-byte PKCS#8, decimal
 * `serverPublicKeyId`), or std base64 of that JSON. The official `loadJsonConfig` and
 * `localConfigStorage` read both. Throws `ERR_INVALID_CONFIG` for an invalid config.
 *
 * @example
 * const file = serializeDeviceConfig(config, { format: 'json' });
 * const env = serializeDeviceConfig(config, { format: 'base64' }); // 'eyJob3N0bmFtZSI6…'
 */
export function serializeDeviceConfig(
  config: DeviceConfig,
  options: SerializeConfigOptions = { format: 'json' },
): string {
  const record = deviceConfigToRecord(config);
  if (options.format === 'base64') return base64Encode(utf8Encode(JSON.stringify(record)));
  return JSON.stringify(record, null, 2);
}
