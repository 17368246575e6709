import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createMemoryStorage, deviceConfigToRecord, readDeviceConfig, serializeDeviceConfig } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIni } from './ini-text.js';
import { createKeeperIni, getActiveProfile, setExternalProfile, setProfileConfig } from './keeper-ini.js';
import { saveKeeperIni, updateKeeperIni } from './keeper-ini-file.js';
import { resolveConfig } from './resolve-config.js';
import { boundConfig, newToken, tempDir } from './test-support/device-configs.js';

let root: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir: root, remove } = await tempDir());
});
afterAll(() => remove());

let counter = 0;
/** A fresh fake machine: an empty cwd and home inside the temp root. */
async function machine() {
  const base = join(root, `m${counter++}`);
  const cwd = join(base, 'cwd');
  const homedir = join(base, 'home');
  await mkdir(cwd, { recursive: true });
  await mkdir(homedir, { recursive: true });
  return { cwd, homedir, base };
}

describe('resolveConfig', () => {
  it('uses the active profile of the first keeper.ini found, with its permission warnings', async () => {
    const { cwd, homedir } = await machine();
    const [a, b] = [await boundConfig(), await boundConfig('keepersecurity.com')];
    const doc = createKeeperIni();
    setProfileConfig(doc, 'a', a);
    setProfileConfig(doc, 'b', b);
    const path = join(homedir, '.config', 'ksm', 'keeper.ini');
    await saveKeeperIni(path, doc);
    const found = await resolveConfig({ env: {}, cwd, homedir });
    expect(found).toMatchObject({ source: 'ini', path, profile: 'a', storageType: 'internal', warnings: [] });
    expect(deviceConfigToRecord(await readDeviceConfig(found.storage))).toEqual(deviceConfigToRecord(a));
    // --profile, then KSM_CLI_PROFILE, pick another profile.
    expect((await resolveConfig({ env: { KSM_CLI_PROFILE: 'b' }, cwd, homedir })).profile).toBe('b');
    expect((await resolveConfig({ env: { KSM_CLI_PROFILE: 'b' }, cwd, homedir, profile: 'a' })).profile).toBe('a');
    await expect(resolveConfig({ env: {}, cwd, homedir, profile: 'zz' })).rejects.toMatchObject({
      code: 'ERR_PROFILE_NOT_FOUND',
    });
    await chmod(path, 0o644);
    const [warning] = (await resolveConfig({ env: {}, cwd, homedir })).warnings;
    expect(warning).toMatchObject({ code: 'WARN_FILE_PERMISSIONS', path, mode: 0o644 });
  });

  it('lets KSM_CONFIG override every INI file on the search path, read-only', async () => {
    const { cwd, homedir } = await machine();
    const doc = createKeeperIni();
    setProfileConfig(doc, 'a', await boundConfig());
    await saveKeeperIni(join(cwd, 'keeper.ini'), doc);
    const env = await boundConfig('keepersecurity.jp');
    const found = await resolveConfig({
      env: { KSM_CONFIG: serializeDeviceConfig(env, { format: 'base64' }) },
      cwd,
      homedir,
    });
    expect(found.source).toBe('env');
    expect((await readDeviceConfig(found.storage)).hostname).toBe('keepersecurity.jp');
    await expect(found.storage.saveString('hostname', 'x')).rejects.toMatchObject({ code: 'ERR_READ_ONLY' });
  });

  it('uses an explicitly named INI file (--ini-file) without searching', async () => {
    const { cwd, homedir, base } = await machine();
    const path = join(base, 'elsewhere.ini');
    await updateKeeperIni(path, async (doc) => setProfileConfig(doc, 'x', await boundConfig()));
    expect(await resolveConfig({ env: {}, cwd, homedir, iniFile: path })).toMatchObject({
      source: 'ini',
      path,
      profile: 'x',
    });
    await expect(resolveConfig({ env: {}, cwd, homedir, iniFile: join(base, 'none.ini') })).rejects.toMatchObject({
      code: 'ERR_INI_NOT_FOUND',
    });
  });

  it('in a container with KSM_TOKEN and no INI, creates the default profile in KSM_INI_DIR', async () => {
    const { cwd, homedir, base } = await machine();
    const iniDir = join(base, 'etc-ksm');
    const env = { KSM_TOKEN: newToken(), KSM_HOSTNAME: 'EU', KSM_INI_DIR: iniDir };
    const found = await resolveConfig({ env, cwd, homedir, inContainer: true });
    const path = join(iniDir, 'keeper.ini');
    expect(found).toMatchObject({ source: 'ini-created', path, profile: '_default' });
    expect((await readDeviceConfig(found.storage)).hostname).toBe('keepersecurity.eu');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(iniDir)).mode & 0o777).toBe(0o700);
    expect(getActiveProfile(parseIni(await readFile(path, 'utf8')))).toBe('_default');
    // Second start: the INI now exists and is used as is.
    expect((await resolveConfig({ env, cwd, homedir, inContainer: true })).source).toBe('ini');
  });

  it('outside a container, KSM_TOKEN alone is not enough: ERR_NO_CONFIG lists where it looked', async () => {
    const { cwd, homedir } = await machine();
    const error = (await resolveConfig({ env: { KSM_TOKEN: newToken('US') }, cwd, homedir, inContainer: false }).catch(
      (e: unknown) => e,
    )) as Error & { code: string };
    expect(error.code).toBe('ERR_NO_CONFIG');
    expect(error.message).toContain(join(cwd, 'keeper.ini'));
    expect(error.message).toContain('ksm profile init');
  });

  it('opens external profiles through openExternal, and refuses them without it', async () => {
    const { cwd, homedir } = await machine();
    await updateKeeperIni(join(cwd, 'keeper.ini'), (doc) => setExternalProfile(doc, 'cloud', 'aws', { secret: 's1' }));
    await expect(resolveConfig({ env: {}, cwd, homedir })).rejects.toMatchObject({ code: 'ERR_PROFILE_EXTERNAL' });
    const memory = createMemoryStorage({ hostname: 'h' });
    const seen: unknown[] = [];
    const found = await resolveConfig({
      env: {},
      cwd,
      homedir,
      openExternal: (storage, settings, profile) => {
        seen.push([storage, settings, profile]);
        return memory;
      },
    });
    expect(found).toMatchObject({ source: 'ini', storageType: 'aws', profile: 'cloud' });
    expect(found.storage).toBe(memory);
    expect(seen).toEqual([['aws', { secret: 's1' }, 'cloud']]);
  });
});
