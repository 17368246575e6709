import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  deviceConfigToRecord,
  generateAesKey,
  initializeConfig,
  readDeviceConfig,
  updateDeviceConfig,
  writeDeviceConfig,
} from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIniProfileStorage } from './ini-profile-storage.js';
import { parseIni } from './ini-text.js';
import { getActiveProfile, getProfile, setExternalProfile } from './keeper-ini.js';
import { updateKeeperIni } from './keeper-ini-file.js';
import { boundConfig, newToken, tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('createIniProfileStorage', () => {
  it('initialises, binds and reads a profile through core, leaving other profiles alone', async () => {
    const path = join(dir, 'sub', 'keeper.ini');
    const prod = createIniProfileStorage({ path, profile: 'prod' });
    const other = await boundConfig();
    await writeDeviceConfig(createIniProfileStorage({ path, profile: 'other' }), other);
    const { config } = await initializeConfig(prod, newToken('US'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'sub'))).mode & 0o777).toBe(0o700);
    // Binding: appKey stored, clientKey removed (what the client does after the first request).
    const bound = await updateDeviceConfig(prod, { appKey: generateAesKey(), clientKey: null });
    expect(bound.clientKey).toBeUndefined();
    const doc = parseIni(await readFile(path, 'utf8'));
    expect(getActiveProfile(doc)).toBe('other');
    const entry = getProfile(doc, 'prod');
    expect(entry).toMatchObject({ storage: 'internal', record: { clientId: config.clientId } });
    expect('record' in entry ? entry.record.clientKey : 'external').toBeUndefined();
    expect(deviceConfigToRecord(await readDeviceConfig(prod))).toEqual(deviceConfigToRecord(bound));
    expect(deviceConfigToRecord(await readDeviceConfig(createIniProfileStorage({ path, profile: 'other' })))).toEqual(
      deviceConfigToRecord(other),
    );
  });

  it('reads a missing file or profile as empty, and refuses external profiles', async () => {
    const path = join(dir, 'ext.ini');
    expect(await createIniProfileStorage({ path, profile: 'x' }).getString('hostname')).toBeUndefined();
    await updateKeeperIni(path, (doc) => setExternalProfile(doc, 'cloud', 'aws', { secret: 'ksm-config' }));
    expect(await createIniProfileStorage({ path, profile: 'x' }).getString('hostname')).toBeUndefined();
    const cloud = createIniProfileStorage({ path, profile: 'cloud' });
    await expect(cloud.getString('hostname')).rejects.toMatchObject({ code: 'ERR_PROFILE_EXTERNAL' });
    await expect(cloud.saveString('hostname', 'x')).rejects.toMatchObject({ code: 'ERR_PROFILE_EXTERNAL' });
  });
});
