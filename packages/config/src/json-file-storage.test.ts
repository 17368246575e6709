import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  deviceConfigToRecord,
  initializeConfig,
  readDeviceConfig,
  serializeDeviceConfig,
  writeDeviceConfig,
} from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonFileStorage } from './json-file-storage.js';
import { boundConfig, newToken, tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('createJsonFileStorage', () => {
  it('initialises a missing file from a token into the official flat JSON shape, 0600', async () => {
    const path = join(dir, 'ksm-config.json');
    const storage = createJsonFileStorage(path);
    const { config } = await initializeConfig(storage, newToken('EU'));
    const object = JSON.parse(await readFile(path, 'utf8'));
    expect(object).toEqual(deviceConfigToRecord(config));
    expect(object.hostname).toBe('keepersecurity.eu');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('reads a file written in the official shape and keeps unknown keys on update', async () => {
    const path = join(dir, 'official.json');
    const config = await boundConfig();
    const official = { ...JSON.parse(serializeDeviceConfig(config, { format: 'json' })), someFutureKey: 'kept' };
    await writeFile(path, JSON.stringify(official, null, 4));
    const storage = createJsonFileStorage(path);
    expect(deviceConfigToRecord(await readDeviceConfig(storage))).toEqual(deviceConfigToRecord(config));
    await writeDeviceConfig(storage, { ...config, serverPublicKeyId: 12 });
    const after = JSON.parse(await readFile(path, 'utf8'));
    expect(after.serverPublicKeyId).toBe('12');
    expect(after.someFutureKey).toBe('kept');
    await storage.delete('someFutureKey');
    await storage.delete('notThere');
    expect(await storage.getString('someFutureKey')).toBeUndefined();
  });

  it('rejects a file that is not a JSON object with ERR_CONFIG_FILE_INVALID, without quoting it', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '["SECRET"]');
    const error = await createJsonFileStorage(path)
      .getString('hostname')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CONFIG_FILE_INVALID' });
    expect((error as Error).message).not.toContain('SECRET');
  });
});
