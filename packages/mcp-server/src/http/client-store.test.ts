// Client tokens: only a hash on disk (0600), verify in constant time, expiry and revocation.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientStore, parseDuration } from './client-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-clients-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createClientStore', () => {
  it('stores a hash, never the token, in a 0600 file', async () => {
    const file = join(dir, 'sub', 'clients.json');
    const { token, client } = await createClientStore(file).add('claude', ['read'], null);
    expect(token).toMatch(/^kmcp_/);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(client.tokenHash);
    expect(text).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await createClientStore(file).verify(token)).toMatchObject({ name: 'claude', scopes: ['read'] });
  });

  it('refuses unknown, malformed, expired and revoked tokens', async () => {
    let now = 1_000_000;
    const store = createClientStore(join(dir, 'c.json'), () => now);
    const { token } = await store.add('a', ['read'], 60_000);
    expect(await store.verify('kmcp_nope')).toBeNull();
    expect(await store.verify('Bearer x')).toBeNull();
    now += 60_000;
    expect(await store.verify(token)).toBeNull();
    const second = await store.add('b', ['read'], null);
    expect(await store.revoke('b')).toBe(1);
    expect(await store.verify(second.token)).toBeNull();
    await expect(store.add('a', ['read'], null)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});

describe('parseDuration', () => {
  it('parses units and never', () => {
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('never')).toBeNull();
    expect(() => parseDuration('7 weeks')).toThrow(/duration/);
  });
});
