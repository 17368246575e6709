import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isKsmError } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from './errors.js';
import { parseIni } from './ini-text.js';
import { getActiveProfile, listProfiles, profileConfig } from './keeper-ini.js';
import { initProfile, profileInitToken, profileName } from './profile-init.js';
import { newToken, tempDir } from './test-support/device-configs.js';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(() => remove());

describe('profileInitToken', () => {
  it('prefers the given token, then KSM_CLI_TOKEN, else fails with ERR_NO_TOKEN', () => {
    expect(profileInitToken('US:abc', { KSM_CLI_TOKEN: 'EU:def' })).toBe('US:abc');
    expect(profileInitToken(undefined, { KSM_CLI_TOKEN: ' EU:def\n' })).toBe('EU:def');
    expect(() => profileInitToken('', {})).toThrow(expect.objectContaining({ code: 'ERR_NO_TOKEN' }));
  });
});

describe('profileName', () => {
  it('is the given name, else KSM_CLI_PROFILE, else _default', () => {
    expect(profileName('a', { KSM_CLI_PROFILE: 'b' })).toBe('a');
    expect(profileName(undefined, { KSM_CLI_PROFILE: 'b' })).toBe('b');
    expect(profileName(undefined, {})).toBe('_default');
  });
});

describe('initProfile', () => {
  it('creates a 0600 keeper.ini whose first profile is active; later profiles are added', async () => {
    const path = join(dir, 'keeper.ini');
    const first = await initProfile({ path, token: newToken('EU') });
    expect(first).toMatchObject({ profile: '_default', created: true });
    await initProfile({ path, profile: 'jp', token: newToken(), hostname: 'JP' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const doc = parseIni(await readFile(path, 'utf8'));
    expect(listProfiles(doc)).toEqual(['_default', 'jp']);
    expect(getActiveProfile(doc)).toBe('_default');
    expect((await profileConfig(doc, '_default')).hostname).toBe('keepersecurity.eu');
    expect((await profileConfig(doc, 'jp')).hostname).toBe('keepersecurity.jp');
  });

  it('is a no-op for the same token, refuses another token unless overwrite, and writes nothing on error', async () => {
    const path = join(dir, 'again.ini');
    const token = newToken('US');
    await initProfile({ path, token });
    const before = await readFile(path, 'utf8');
    expect((await initProfile({ path, token })).created).toBe(false);
    const conflict = await initProfile({ path, token: newToken('US') }).catch((e: unknown) => e);
    expect(isKsmError(conflict, 'ERR_CONFIG_CONFLICT')).toBe(true);
    const bad = await initProfile({ path, profile: 'x', token: 'US:SECRET-but-too-short' }).catch((e: unknown) => e);
    expect(isKsmError(bad, 'ERR_INVALID_TOKEN')).toBe(true);
    expect((bad as Error).message).not.toContain('SECRET');
    const reserved = await initProfile({ path, profile: '_config', token: newToken('US') }).catch((e: unknown) => e);
    expect(isConfigError(reserved, 'ERR_PROFILE_RESERVED')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect((await initProfile({ path, token: newToken('CA'), overwrite: true })).config.hostname).toBe(
      'keepersecurity.ca',
    );
  });
});
