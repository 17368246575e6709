import { deviceConfigToRecord, isKsmError, readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import { describe, expect, it } from 'vitest';
import { createEnvStorage } from './env-storage.js';
import { isConfigError } from './errors.js';
import { boundConfig } from './test-support/device-configs.js';

describe('createEnvStorage', () => {
  it('reads KSM_CONFIG as base64 (std or url alphabet) or JSON', async () => {
    const config = await boundConfig();
    const b64 = serializeDeviceConfig(config, { format: 'base64' });
    const urlB64 = b64.replace(/\+/g, '-').replace(/\//g, '_');
    for (const value of [b64, urlB64, serializeDeviceConfig(config, { format: 'json' })]) {
      const storage = createEnvStorage({ KSM_CONFIG: value });
      expect(deviceConfigToRecord(await readDeviceConfig(storage))).toEqual(deviceConfigToRecord(config));
    }
  });

  it('is read-only unless writes go to memory', async () => {
    const env = { KSM_CONFIG: serializeDeviceConfig(await boundConfig(), { format: 'base64' }) };
    const error = await createEnvStorage(env)
      .saveString('serverPublicKeyId', '9')
      .catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_READ_ONLY')).toBe(true);
    await expect(createEnvStorage(env).delete('appKey')).rejects.toMatchObject({ code: 'ERR_READ_ONLY' });
    const memory = createEnvStorage(env, { writes: 'memory' });
    await memory.saveString('serverPublicKeyId', '9');
    expect(await memory.getString('serverPublicKeyId')).toBe('9');
    expect(env.KSM_CONFIG).not.toContain('"9"');
  });

  it('reports a missing variable and an invalid value without echoing it', async () => {
    await expect(createEnvStorage({}).getString('hostname')).rejects.toMatchObject({ code: 'ERR_NO_CONFIG' });
    const error = await createEnvStorage({ KSM_CONFIG: 'SECRETSECRET' })
      .getString('hostname')
      .catch((e: unknown) => e);
    expect(isKsmError(error, 'ERR_INVALID_CONFIG')).toBe(true);
    expect((error as Error).message).not.toContain('SECRETSECRET');
    const named = createEnvStorage(
      { OTHER: serializeDeviceConfig(await boundConfig(), { format: 'base64' }) },
      { name: 'OTHER' },
    );
    expect(await named.getString('hostname')).toBe('keepersecurity.eu');
  });
});
