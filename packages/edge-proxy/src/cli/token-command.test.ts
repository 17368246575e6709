// Option parsing of `ksmkit-edge token` and the .dev.vars file it reads.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyToken } from '../token.js';
import { readDevVars, writeDevVars } from './dev-vars.js';
import { parseTtl, repeated } from './token-command.js';

describe('parseTtl', () => {
  it('reads seconds and s/m/h/d suffixes', () => {
    expect([parseTtl('90'), parseTtl('30m'), parseTtl('1h'), parseTtl('7d')]).toEqual([90, 1800, 3600, 604_800]);
  });

  it('rejects zero, junk and more than a year with ERR_INVALID_TTL', () => {
    for (const bad of ['0', '1w', 'soon', '400d'])
      expect(() => parseTtl(bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_TTL' }));
  });
});

describe('repeated', () => {
  it('collects every value of a repeatable option, in both spellings, up to --', () => {
    expect(repeated(['--scope', 'a', '--sub', 'x', '--scope=b', '--', '--scope', 'c'], 'scope')).toEqual(['a', 'b']);
  });
});

describe('.dev.vars', () => {
  it('is written 0600 and read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ksmkit-edge-vars-'));
    try {
      const path = join(dir, '.dev.vars');
      await writeDevVars(path, { KSM_CONFIG: 'eyJhIjoxfQ==', TOKEN_SECRET: 'x'.repeat(64) });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readDevVars(path)).toEqual({ KSM_CONFIG: 'eyJhIjoxfQ==', TOKEN_SECRET: 'x'.repeat(64) });
      expect(await readDevVars(join(dir, 'missing'))).toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('verifyToken', () => {
  it('reads back what createToken signed (the CLI and the Worker agree on the format)', async () => {
    const { createToken } = await import('../token.js');
    const secret = 'k'.repeat(64);
    const token = await createToken(secret, {
      sub: 'ci',
      scopes: ['keeper://A/*'],
      hosts: ['api.example.com'],
      jti: 'j1',
      ttlSeconds: 60,
    });
    expect(await verifyToken(secret, token)).toMatchObject({
      sub: 'ci',
      scopes: ['keeper://A/*'],
      hosts: ['api.example.com'],
      jti: 'j1',
    });
  });
});
