import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIniPath, findIniFile, iniFileName, iniSearchPaths } from './search-path.js';
import { tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('iniSearchPaths', () => {
  it("follows the Profile Command's order: KSM_INI_DIR, cwd, $HOME, $HOME/.config/ksm, /etc, /etc/ksm, /etc/keeper", () => {
    const paths = iniSearchPaths({ env: { KSM_INI_DIR: '/opt/ksm' }, cwd: '/work', homedir: '/home/me' });
    expect(paths).toEqual([
      '/opt/ksm/keeper.ini',
      '/work/keeper.ini',
      '/home/me/keeper.ini',
      '/home/me/.config/ksm/keeper.ini',
      '/etc/keeper.ini',
      '/etc/ksm/keeper.ini',
      '/etc/keeper/keeper.ini',
    ]);
  });

  it('takes $HOME from env, renames the file with KSM_INI_FILE and skips unset variables', () => {
    const paths = iniSearchPaths({ env: { HOME: '/h', KSM_INI_FILE: 'ci.ini' }, cwd: '/w', homedir: '/ignored' });
    expect(paths.slice(0, 3)).toEqual(['/w/ci.ini', '/h/ci.ini', '/h/.config/ksm/ci.ini']);
    expect(iniFileName({})).toBe('keeper.ini');
  });
});

describe('findIniFile', () => {
  it('returns the first existing file, preferring KSM_INI_DIR over cwd over $HOME', async () => {
    const [iniDir, cwd, home] = ['ini', 'cwd', 'home'].map((name) => join(dir, name)) as [string, string, string];
    await Promise.all([iniDir, cwd, join(home, '.config', 'ksm')].map((d) => mkdir(d, { recursive: true })));
    const context = { env: { KSM_INI_DIR: iniDir }, cwd, homedir: home };
    await writeFile(join(home, '.config', 'ksm', 'keeper.ini'), '');
    expect(await findIniFile(context)).toBe(join(home, '.config', 'ksm', 'keeper.ini'));
    await writeFile(join(home, 'keeper.ini'), '');
    expect(await findIniFile(context)).toBe(join(home, 'keeper.ini'));
    await writeFile(join(cwd, 'keeper.ini'), '');
    expect(await findIniFile(context)).toBe(join(cwd, 'keeper.ini'));
    await writeFile(join(iniDir, 'keeper.ini'), '');
    expect(await findIniFile(context)).toBe(join(iniDir, 'keeper.ini'));
    // A directory with the file's name is not a match.
    await mkdir(join(dir, 'nofile', 'keeper.ini'), { recursive: true });
    expect(await findIniFile({ env: { HOME: join(dir, 'none') }, cwd: join(dir, 'nofile'), homedir: '' })).not.toBe(
      join(dir, 'nofile', 'keeper.ini'),
    );
  });
});

describe('defaultIniPath', () => {
  it('is KSM_INI_DIR or the current directory', () => {
    expect(defaultIniPath({ env: {}, cwd: '/w', homedir: '/h' })).toBe('/w/keeper.ini');
    expect(defaultIniPath({ env: { KSM_INI_DIR: '/etc/ksm', KSM_INI_FILE: 'x.ini' }, cwd: '/w', homedir: '/h' })).toBe(
      '/etc/ksm/x.ini',
    );
  });
});
