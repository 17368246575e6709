import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigPermissions } from './file-permissions.js';
import { tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('checkConfigPermissions', () => {
  it.each([0o644, 0o640, 0o604, 0o666])('warns about mode %o with the chmod fix', async (mode) => {
    const path = join(dir, `f${mode}`);
    await writeFile(path, 'x');
    await chmod(path, mode);
    const [warning, ...rest] = await checkConfigPermissions(path);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'WARN_FILE_PERMISSIONS', path, mode });
    expect(warning?.message).toContain(`chmod 600 ${path}`);
  });

  it.each([0o600, 0o400])('accepts mode %o', async (mode) => {
    const path = join(dir, `ok${mode}`);
    await writeFile(path, 'x');
    await chmod(path, mode);
    expect(await checkConfigPermissions(path)).toEqual([]);
  });

  it('ignores missing files and Windows', async () => {
    expect(await checkConfigPermissions(join(dir, 'missing'))).toEqual([]);
    const path = join(dir, 'win');
    await writeFile(path, 'x', { mode: 0o666 });
    expect(await checkConfigPermissions(path, 'win32')).toEqual([]);
  });
});
