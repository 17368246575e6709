// Caller tokens: missing, forged, expired and revoked tokens are refused with stable codes; rate limits per caller.
import { describe, expect, it } from 'vitest';
import { call, env, mint, resolve, uidOf } from './test-support/worker-test.js';
import { createToken } from './token.js';

async function failure(response: Response): Promise<{ status: number; code: string; body: string }> {
  const body = await response.text();
  return { status: response.status, code: (JSON.parse(body) as { error: { code: string } }).error.code, body };
}

describe('caller tokens', () => {
  const notation = () => `keeper://${uidOf('Postgres')}/field/password`;

  it('refuses a request without a bearer token', async () => {
    expect(await failure(await call('/v1/resolve', { json: { notations: [notation()] } }))).toMatchObject({
      status: 401,
      code: 'ERR_UNAUTHENTICATED',
    });
  });

  it('refuses a token signed with another secret, without echoing it', async () => {
    const forged = await createToken('x'.repeat(64), {
      sub: 'evil',
      scopes: ['keeper://*/*'],
      jti: 'f',
      ttlSeconds: 60,
    });
    const result = await failure(await resolve(forged, [notation()]));
    expect(result).toMatchObject({ status: 401, code: 'ERR_TOKEN_INVALID' });
    expect(result.body).not.toContain(forged);
  });

  it('refuses an expired token', async () => {
    const token = await mint([`keeper://${uidOf('Postgres')}/*`], {
      now: Math.floor(Date.now() / 1000) - 7200,
      ttlSeconds: 60,
    });
    expect(await failure(await resolve(token, [notation()]))).toMatchObject({ status: 401, code: 'ERR_TOKEN_EXPIRED' });
  });

  it('refuses a revoked token after POST /v1/revoke by an admin token', async () => {
    const jti = `revoke-me-${crypto.randomUUID()}`;
    const token = await mint([`keeper://${uidOf('Postgres')}/*`], { jti });
    expect((await resolve(token, [notation()])).status).toBe(200);
    const plain = await mint([`keeper://${uidOf('Postgres')}/*`]);
    expect((await call('/v1/revoke', { token: plain, json: { jti } })).status).toBe(403);
    const admin = await mint(['edge:revoke'], { sub: 'operator' });
    const revoked = await call('/v1/revoke', { token: admin, json: { jti, exp: Math.floor(Date.now() / 1000) + 600 } });
    expect(revoked.status).toBe(200);
    expect(await env.REVOCATIONS.get(`revoked:${jti}`)).not.toBeNull();
    expect(await failure(await resolve(token, [notation()]))).toMatchObject({ status: 401, code: 'ERR_TOKEN_REVOKED' });
  });
});

describe('per-caller rate limits', () => {
  it('answers 429 with Retry-After once a caller spends its bucket, without touching other callers', async () => {
    const uid = uidOf('Postgres');
    const vars = { RATE_LIMIT_PER_MINUTE: '3' };
    const token = await mint([`keeper://${uid}/*`], { sub: 'bursty' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await resolve(token, [`keeper://${uid}/title`], vars)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await resolve(token, [`keeper://${uid}/title`], vars);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('ERR_RATE_LIMITED');
    const other = await mint([`keeper://${uid}/*`], { sub: 'calm' });
    expect((await resolve(other, [`keeper://${uid}/title`], vars)).status).toBe(200);
  });
});
