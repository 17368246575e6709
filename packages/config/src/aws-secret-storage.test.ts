import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  deviceConfigToRecord,
  initializeConfig,
  readDeviceConfig,
  serializeDeviceConfig,
  writeDeviceConfig,
} from '@ksmkit/core';
import { freePort, type MotoServer, startMoto } from '@ksmkit/test-support/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsSecretStorage } from './aws-secret-storage.js';
import { isConfigError } from './errors.js';
import { boundConfig, newToken, tempDir } from './test-support/device-configs.js';

let moto: MotoServer;
let dir: string;
let remove: () => Promise<void>;
const keys = { accessKeyId: 'AKIATESTKEY', secretAccessKey: 'TOP-SECRET-ACCESS-KEY', region: 'eu-west-1' };
beforeAll(async () => {
  moto = await startMoto();
  ({ dir, remove } = await tempDir());
}, 120_000);
afterAll(async () => {
  await moto?.stop();
  await remove();
});

const sdk = () =>
  new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: keys.region,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  });

describe('createAwsSecretStorage (moto_server)', () => {
  it('initialises a config into a new secret (default name ksm-config) in Keeper layout and reads it back', async () => {
    const options = { credentials: 'keys' as const, ...keys, endpoint: moto.endpoint };
    const { config } = await initializeConfig(createAwsSecretStorage(options), newToken('US'));
    const stored = await sdk().send(new GetSecretValueCommand({ SecretId: 'ksm-config' }));
    const record = deviceConfigToRecord(config);
    expect(JSON.parse(stored.SecretString ?? '')).toEqual(record);
    expect(stored.SecretString).toMatch(/^\{\n {4}"appKey"|^\{\n {4}"clientId"/);
    const again = createAwsSecretStorage(options);
    expect(deviceConfigToRecord(await readDeviceConfig(again))).toEqual(record);
    expect(again.lastSource()).toBe('aws');
  });

  it('reads a secret holding a base64 config, via profile credentials from a shared credentials file', async () => {
    const config = await boundConfig();
    await sdk().send(
      new CreateSecretCommand({
        Name: 'b64-config',
        SecretString: serializeDeviceConfig(config, { format: 'base64' }),
      }),
    );
    const credentialsFile = join(dir, 'credentials');
    await writeFile(credentialsFile, `[ci]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n`);
    const storage = createAwsSecretStorage({
      secret: 'b64-config',
      credentials: 'profile',
      profile: 'ci',
      sharedCredentialsFile: credentialsFile,
      sharedConfigFile: join(dir, 'no-config'),
      region: 'eu-west-1',
      endpoint: moto.endpoint,
    });
    expect(deviceConfigToRecord(await readDeviceConfig(storage))).toEqual(deviceConfigToRecord(config));
  });

  it('reads a missing secret as empty (not initialised) and creates it on first write', async () => {
    const storage = createAwsSecretStorage({ secret: 'fresh', credentials: 'keys', ...keys, endpoint: moto.endpoint });
    await expect(readDeviceConfig(storage)).rejects.toMatchObject({ code: 'ERR_CONFIG_NOT_INITIALIZED' });
    const config = await boundConfig();
    await writeDeviceConfig(storage, config);
    await writeDeviceConfig(storage, { ...config, serverPublicKeyId: 12 });
    const stored = JSON.parse((await sdk().send(new GetSecretValueCommand({ SecretId: 'fresh' }))).SecretString ?? '');
    expect(stored.serverPublicKeyId).toBe('12');
  });

  it('falls back to the local file when AWS is unreachable, and refuses writes then', async () => {
    const fallbackFile = join(dir, 'cache', 'ksm-config.json');
    const config = await boundConfig();
    await sdk().send(
      new CreateSecretCommand({
        Name: 'with-fallback',
        SecretString: serializeDeviceConfig(config, { format: 'json' }),
      }),
    );
    const online = createAwsSecretStorage({
      secret: 'with-fallback',
      credentials: 'keys',
      ...keys,
      endpoint: moto.endpoint,
      fallbackFile,
    });
    await readDeviceConfig(online);
    expect(JSON.parse(await readFile(fallbackFile, 'utf8'))).toEqual(deviceConfigToRecord(config));
    expect((await stat(fallbackFile)).mode & 0o777).toBe(0o600);

    const deadEndpoint = `http://127.0.0.1:${await freePort()}`;
    const offline = createAwsSecretStorage({
      secret: 'with-fallback',
      credentials: 'keys',
      ...keys,
      endpoint: deadEndpoint,
      fallbackFile,
    });
    expect(deviceConfigToRecord(await readDeviceConfig(offline))).toEqual(deviceConfigToRecord(config));
    expect(offline.lastSource()).toBe('fallback-file');
    await expect(offline.saveString('serverPublicKeyId', '9')).rejects.toMatchObject({ code: 'ERR_AWS_UNREACHABLE' });

    const noFallback = createAwsSecretStorage({
      secret: 'with-fallback',
      credentials: 'keys',
      ...keys,
      endpoint: deadEndpoint,
    });
    const error = await noFallback.getString('hostname').catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_AWS_UNREACHABLE')).toBe(true);
    expect((error as Error).message).not.toContain(keys.secretAccessKey);
  });

  it('reports failing credentials as ERR_AWS_FAILED with the AWS error name only', async () => {
    const credentialsFile = join(dir, 'empty-credentials');
    await writeFile(credentialsFile, '[other]\naws_access_key_id = X\naws_secret_access_key = NOT-THIS-ONE\n');
    const storage = createAwsSecretStorage({
      credentials: 'profile',
      profile: 'missing',
      sharedCredentialsFile: credentialsFile,
      sharedConfigFile: join(dir, 'no-config'),
      region: 'eu-west-1',
      endpoint: moto.endpoint,
    });
    const error = (await storage.getString('hostname').catch((e: unknown) => e)) as Error & {
      code: string;
      details: Record<string, unknown>;
    };
    expect(error.code).toBe('ERR_AWS_FAILED');
    expect(error.details.error).toBe('CredentialsProviderError');
    expect(error.message).not.toContain('NOT-THIS-ONE');
  });

  it('requires keys and a region for "keys" credentials, without echoing them', async () => {
    const error = await createAwsSecretStorage({ credentials: 'keys', accessKeyId: 'A', secretAccessKey: 'SECRETKEY' })
      .getString('hostname')
      .catch((e: unknown) => e);
    expect(isConfigError(error, 'ERR_AWS_FAILED')).toBe(true);
    expect((error as Error).message).not.toContain('SECRETKEY');
  });
});
