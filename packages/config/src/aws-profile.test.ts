import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { deviceConfigToRecord, readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import { type MotoServer, startMoto } from '@ksmkit/test-support/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsOptionsFromProfile, awsProfileSettings, openAwsProfile } from './aws-profile.js';
import { isConfigError } from './errors.js';
import { parseIni } from './ini-text.js';
import { getProfile, setExternalProfile } from './keeper-ini.js';
import { updateKeeperIni } from './keeper-ini-file.js';
import { resolveConfig } from './resolve-config.js';
import { boundConfig, tempDir } from './test-support/device-configs.js';

describe('awsOptionsFromProfile', () => {
  it("reads Keeper's keys with Keeper's defaults", () => {
    expect(awsOptionsFromProfile({})).toMatchObject({
      secret: 'ksm-config',
      credentials: 'ec2instance',
      fallbackToDefaultCredentials: false,
    });
    expect(
      awsOptionsFromProfile({
        provider: 'custom',
        aws_access_key_id: 'A',
        aws_secret_access_key: 'S',
        region: 'us-east-2',
        fallback: 'True',
      }),
    ).toMatchObject({
      credentials: 'keys',
      accessKeyId: 'A',
      secretAccessKey: 'S',
      region: 'us-east-2',
      fallbackToDefaultCredentials: true,
    });
    expect(awsOptionsFromProfile({ provider: 'profile', profile: 'ci' })).toMatchObject({
      credentials: 'profile',
      profile: 'ci',
    });
    expect(() => awsOptionsFromProfile({ provider: 'azure' })).toThrow(
      expect.objectContaining({ code: 'ERR_AWS_FAILED' }),
    );
  });

  it('round-trips through awsProfileSettings', () => {
    const options = {
      credentials: 'keys' as const,
      accessKeyId: 'A',
      secretAccessKey: 'S',
      region: 'r',
      secret: 's',
      fallbackFile: '/f',
    };
    expect(awsOptionsFromProfile(awsProfileSettings(options))).toMatchObject(options);
  });
});

describe('aws profiles in keeper.ini (moto_server)', () => {
  let moto: MotoServer;
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    moto = await startMoto();
    ({ dir, remove } = await tempDir());
  }, 120_000);
  afterAll(async () => {
    await moto?.stop();
    await remove();
  });

  it('resolveConfig opens the active aws profile and reads the config from the secret', async () => {
    const config = await boundConfig();
    const credentials = { accessKeyId: 'AKIA1', secretAccessKey: 'S1' };
    await new SecretsManagerClient({ endpoint: moto.endpoint, region: 'us-west-2', credentials }).send(
      new CreateSecretCommand({ Name: 'ksm-config', SecretString: serializeDeviceConfig(config, { format: 'json' }) }),
    );
    const path = join(dir, 'keeper.ini');
    const settings = awsProfileSettings({
      credentials: 'keys',
      ...credentials,
      region: 'us-west-2',
      endpoint: moto.endpoint,
    });
    await updateKeeperIni(path, (doc) => setExternalProfile(doc, '_default', 'aws', settings));
    const text = await readFile(path, 'utf8');
    expect(text).toContain('[_default]\nstorage = aws\nprovider = keys\naws_access_key_id = AKIA1\n');
    expect(getProfile(parseIni(text), '_default')).toMatchObject({ storage: 'aws' });
    const found = await resolveConfig({ env: {}, cwd: dir, homedir: dir, openExternal: openAwsProfile });
    expect(found).toMatchObject({ source: 'ini', storageType: 'aws', profile: '_default' });
    expect(deviceConfigToRecord(await readDeviceConfig(found.storage))).toEqual(deviceConfigToRecord(config));
  });

  it('refuses storage types it does not know', () => {
    let error: unknown;
    try {
      openAwsProfile('gcp', {}, 'p');
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error, 'ERR_PROFILE_EXTERNAL')).toBe(true);
  });
});
