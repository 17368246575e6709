// Public config API of @ksmkit/core: storage, device config model and text forms, one-time tokens, server keys.

export type { DeviceConfigChanges } from './config-storage.js';
export { readDeviceConfig, updateDeviceConfig, writeDeviceConfig } from './config-storage.js';
export type { SerializeConfigOptions } from './config-text.js';
export { parseDeviceConfig, serializeDeviceConfig } from './config-text.js';
export type { DeviceConfig, DeviceConfigKey, DeviceConfigRecord } from './device-config.js';
export { DEVICE_CONFIG_KEYS, deviceConfigFromRecord, deviceConfigToRecord } from './device-config.js';
export { apiBaseUrl, isLoopbackHost, normalizeHostname, normalizeRegionOrHost, REGION_HOSTS } from './hostname.js';
export type { InitializeConfigOptions, InitializeConfigResult } from './initialize-config.js';
export { initializeConfig } from './initialize-config.js';
export type { MemoryStorage } from './memory-storage.js';
export { createMemoryStorage } from './memory-storage.js';
export type { ParsedOneTimeToken, ParseOneTimeTokenOptions } from './one-time-token.js';
export { DEFAULT_REGION, parseOneTimeToken } from './one-time-token.js';
export type { ServerKey, ServerKeySource } from './server-keys.js';
export { DEFAULT_SERVER_PUBLIC_KEY_ID, KEEPER_SERVER_PUBLIC_KEYS, resolveServerKey } from './server-keys.js';
export type { KeyValueStorage } from './storage.js';
