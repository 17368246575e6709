// Writing through a symlinked keeper.ini: the link's target is updated and the link stays a link.
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';
import { createIniProfileStorage } from './ini-profile-storage.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksmkit-link-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic through a symlink', () => {
  it('replaces the target file and keeps the link', async () => {
    await mkdir(join(dir, 'real'));
    const target = join(dir, 'real', 'keeper.ini');
    const link = join(dir, 'keeper.ini');
    await writeFile(target, 'old\n');
    await symlink(target, link);
    await writeFileAtomic(link, 'new\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect(((await lstat(target)).mode & 0o777).toString(8)).toBe('600');
  });

  it('a profile storage on a linked keeper.ini saves into the target', async () => {
    const target = join(dir, 'shared.ini');
    const link = join(dir, 'keeper.ini');
    await writeFile(target, '[_default]\nhostname = keepersecurity.com\n\n[_config]\nactive_profile = _default\n');
    await symlink(target, link);
    await createIniProfileStorage({ path: link, profile: '_default' }).saveString('hostname', 'keepersecurity.eu');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toContain('keepersecurity.eu');
  });
});
