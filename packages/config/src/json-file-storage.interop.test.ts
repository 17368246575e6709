import { join } from 'node:path';
import * as official from '@keeper-security/secrets-manager-core';
import { DEVICE_CONFIG_KEYS, deviceConfigToRecord, readDeviceConfig, writeDeviceConfig } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonFileStorage } from './json-file-storage.js';
import { boundConfig, newToken, tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('JSON config files and the official JS SDK', () => {
  it('a file ksmkit writes is read key for key by the official localConfigStorage', async () => {
    const path = join(dir, 'ours.json');
    const config = await boundConfig();
    await writeDeviceConfig(createJsonFileStorage(path), config);
    const theirs = official.localConfigStorage(path);
    const record = deviceConfigToRecord(config);
    for (const key of DEVICE_CONFIG_KEYS) expect(await theirs.getString(key)).toBe(record[key]);
  });

  it('a file the official initializeStorage writes is a valid ksmkit config', async () => {
    const path = join(dir, 'theirs.json');
    await official.initializeStorage(official.localConfigStorage(path), newToken('EU'));
    const config = await readDeviceConfig(createJsonFileStorage(path));
    expect(config.hostname).toBe('keepersecurity.eu');
    expect(config.clientKey?.length).toBe(32);
  });
});
