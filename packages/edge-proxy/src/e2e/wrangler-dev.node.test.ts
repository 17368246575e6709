// End to end: `ksmkit-edge setup` and `token` against `wrangler dev` (local mode, loopback) and a real vault behind a
// counting front door: resolve, records, inject, scopes, revocation, coalescing, and a vault outage.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKeeperIni, saveKeeperIni, setProfileConfig } from '@ksmkit/config';
import { createClient, createMemoryStorage, initializeConfig, readDeviceConfig } from '@ksmkit/core';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from '../test-support/counting-proxy.js';
import { type RecordingUpstream, startRecordingUpstream } from '../test-support/recording-upstream.js';
import { EDGE_SEED } from '../test-support/seed.js';
import { startWranglerDev, type WranglerDev } from '../test-support/wrangler-dev.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(packageDir, 'dist/main.js');
const SECRETS = ['pg-s3cr3t-value', 'sk_live_stripe_value', 'cold-start-value', 'refresh-me-value'];
const slow = { timeout: 180_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('edge proxy under wrangler dev', () => {
  let dir = '';
  let vault: TestVault;
  let front: CountingProxy;
  let upstream: RecordingUpstream;
  let wrangler: WranglerDev | undefined;
  let base = '';
  const uid = (title: string) => vault.seeded.records[title] as string;

  async function edge(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, KSMKIT_EDGE_TOKEN_SECRET: '' } });
  }

  async function token(scopes: string[], hosts: string[] = []): Promise<{ token: string; jti: string; exp: number }> {
    const args = ['token', 'create', '--sub', 'e2e', '--ttl', '10m', '--json', '--dev-vars', join(dir, '.dev.vars')];
    for (const scope of scopes) args.push('--scope', scope);
    for (const host of hosts) args.push('--host', host);
    return JSON.parse((await edge(args)).stdout) as { token: string; jti: string; exp: number };
  }

  function resolve(bearer: string, notations: string[]): Promise<Response> {
    return fetch(`${base}/v1/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ notations }),
    });
  }

  beforeAll(async () => {
    if (!existsSync(cli)) await run('pnpm', ['exec', 'tsdown'], { cwd: packageDir });
    dir = await mkdtemp(join(tmpdir(), 'ksmkit-edge-e2e-'));
    vault = await startTestVault({ seed: EDGE_SEED, args: ['--http'], dataDir: join(dir, 'vault') });
    front = await startCountingProxy(vault.url);
    upstream = await startRecordingUpstream();
    // A bound device of app `edge` as a keeper.ini profile, as `ksm profile init` leaves it.
    const { token: oneTime } = (await vault.admin(['client', 'add', '--app', 'edge'])) as { token: string };
    const storage = createMemoryStorage();
    await initializeConfig(storage, oneTime, {
      hostname: front.url,
      serverPublicKey: vault.serverPublicKey,
      serverPublicKeyId: vault.serverPublicKeyId,
    });
    await createClient({ storage }).getSecrets();
    const ini = createKeeperIni();
    setProfileConfig(ini, 'edge', await readDeviceConfig(storage));
    await saveKeeperIni(join(dir, 'keeper.ini'), ini);

    const setup = await edge([
      'setup',
      '--profile',
      'edge',
      '--ini-file',
      join(dir, 'keeper.ini'),
      '--dev-vars',
      join(dir, '.dev.vars'),
    ]);
    expect(setup.stdout).toContain('wrangler secret bulk');
    expect(((await stat(join(dir, '.dev.vars'))).mode & 0o777).toString(8)).toBe('600');

    wrangler = await startWranglerDev(
      [
        '--env-file',
        join(dir, '.dev.vars'),
        '--persist-to',
        join(dir, 'state'),
        '--var',
        'ALLOW_HTTP_FORWARD:true',
        '--var',
        'CACHE_TTL_SECONDS:3',
        '--var',
        'RATE_LIMIT_PER_MINUTE:1000000',
      ],
      packageDir,
      async (b) => (await fetch(`${b}/v1/health`)).ok,
    );
    base = wrangler.base;
  }, 240_000);

  afterAll(async () => {
    await wrangler?.stop();
    await upstream?.close();
    await front?.close();
    await vault?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers health, resolves scoped values and filtered records, and refuses the rest', slow, async () => {
    expect(await (await fetch(`${base}/v1/health`)).json()).toMatchObject({
      ok: true,
      configured: { ksmConfig: true },
    });
    const { token: bearer } = await token([`keeper://${uid('Postgres')}/field/password`]);
    const resolved = await resolve(bearer, [`keeper://${uid('Postgres')}/field/password`]);
    expect(await resolved.json()).toEqual({
      results: [{ notation: `keeper://${uid('Postgres')}/field/password`, values: ['pg-s3cr3t-value'] }],
    });
    const record = await fetch(`${base}/v1/secrets/${uid('Postgres')}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(((await record.json()) as { record: { fields: unknown[] } }).record.fields).toEqual([
      { type: 'password', value: ['pg-s3cr3t-value'] },
    ]);
    const denied = await resolve(bearer, [`keeper://${uid('Direct')}/field/password`]);
    expect(denied.status).toBe(403);
  });

  it('injects a secret for a local upstream that records it, and scrubs it from the reply', slow, async () => {
    const { token: bearer } = await token([`keeper://${uid('Stripe')}/field/password`], ['localhost']);
    const response = await fetch(`${base}/v1/forward`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `${upstream.url}/echo`,
        method: 'POST',
        headers: { authorization: `Bearer {{keeper://${uid('Stripe')}/field/password}}` },
        body: `{"key":"{{keeper://${uid('Stripe')}/field/password}}"}`,
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('sk_live_stripe_value');
    const got = upstream.received().at(-1);
    expect(got?.headers.authorization).toBe('Bearer sk_live_stripe_value');
    expect(got?.body).toBe('{"key":"sk_live_stripe_value"}');
  });

  it('refuses a token after `ksmkit-edge token revoke`', slow, async () => {
    const minted = await token([`keeper://${uid('Postgres')}/*`]);
    expect((await resolve(minted.token, [`keeper://${uid('Postgres')}/title`])).status).toBe(200);
    const revoked = await edge([
      'token',
      'revoke',
      '--jti',
      minted.jti,
      '--exp',
      String(minted.exp),
      '--url',
      base,
      '--dev-vars',
      join(dir, '.dev.vars'),
    ]);
    expect(revoked.stdout).toContain('Revoked');
    const after = await resolve(minted.token, [`keeper://${uid('Postgres')}/title`]);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('ERR_TOKEN_REVOKED');
  });

  it('makes one get_secret at the vault for 1,000 concurrent requests on a cold record', slow, async () => {
    const { token: bearer } = await token([`keeper://${uid('Cold')}/*`]);
    front.reset();
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 1000 }, () =>
        resolve(bearer, [`keeper://${uid('Cold')}/field/password`]).then((r) => r.status),
      ),
    );
    const elapsed = Date.now() - started;
    expect(new Set(responses)).toEqual(new Set([200]));
    // One upstream call per refresh window (80 % of CACHE_TTL_SECONDS=3): exactly one when the burst fits in the
    // first window; on a loaded machine a longer burst may rightly start one background refresh per window.
    const windows = 1 + Math.floor(elapsed / 2400);
    expect(front.counts().get_secret).toBeGreaterThanOrEqual(1);
    expect(front.counts().get_secret).toBeLessThanOrEqual(windows);
    if (elapsed < 2400) expect(front.counts().get_secret).toBe(1);
  });

  it(
    'serves stale (marked) while the vault is stopped, fails clearly for uncached secrets, and is fresh once it is back',
    slow,
    async () => {
      const { token: bearer } = await token([`keeper://${uid('Postgres')}/*`, `keeper://${uid('Refresh')}/*`]);
      const postgres = `keeper://${uid('Postgres')}/field/password`;
      expect((await resolve(bearer, [postgres])).status).toBe(200);
      await vault.stop();
      await sleep(3200); // past CACHE_TTL_SECONDS=3
      const stale = await resolve(bearer, [postgres]);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-ksmkit-cache')).toBe('stale');
      const missing = await resolve(bearer, [`keeper://${uid('Refresh')}/field/password`]);
      expect(missing.status).toBe(503);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ERR_UPSTREAM_UNAVAILABLE');

      const seeded = vault.seeded;
      vault = await startTestVault({ args: ['--http'], dataDir: join(dir, 'vault') });
      Object.assign(vault, { seeded });
      front.retarget(vault.url);
      const fresh = await resolve(bearer, [postgres]);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('x-ksmkit-cache')).toBe('miss');
      expect((await resolve(bearer, [`keeper://${uid('Refresh')}/field/password`])).status).toBe(200);
    },
  );

  it('writes audit lines without any secret value', () => {
    const logs = wrangler?.logs() ?? '';
    expect(logs).toContain('ksmkit-edge.audit');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});
