// POST /v1/resolve and GET /v1/secrets/:uid against a real vault, with scopes and errors.
import { describe, expect, it } from 'vitest';
import { call, mint, resolve, uidOf } from './test-support/worker-test.js';

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('POST /v1/resolve', () => {
  it('returns the value of an exactly scoped field, then serves it from the cache', async () => {
    const uid = uidOf('Postgres');
    const token = await mint([`keeper://${uid}/field/password`]);
    const first = await resolve(token, [`keeper://${uid}/field/password`]);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({
      results: [{ notation: `keeper://${uid}/field/password`, values: ['pg-s3cr3t-value'] }],
    });
    const second = await resolve(token, [`keeper://${uid}/field/password`]);
    expect(second.headers.get('x-ksmkit-cache')).toBe('hit');
  });

  it('refuses a field outside an exact scope, and a record outside every scope', async () => {
    const uid = uidOf('Postgres');
    const token = await mint([`keeper://${uid}/field/password`]);
    const login = await resolve(token, [`keeper://${uid}/field/login`]);
    expect(login.status).toBe(403);
    expect(await errorCode(login)).toBe('ERR_SCOPE_DENIED');
    const other = await resolve(token, [`keeper://${uidOf('Direct')}/field/password`]);
    expect(other.status).toBe(403);
    const mixed = await resolve(token, [`keeper://${uid}/field/password`, `keeper://${uid}/notes`]);
    expect(mixed.status).toBe(403);
    expect(JSON.stringify(await mixed.json())).not.toContain('pg-s3cr3t-value');
  });

  it('allows every field of a record with a record wildcard and of a folder with a folder wildcard', async () => {
    const direct = await mint([`keeper://${uidOf('Direct')}/*`]);
    const a = await resolve(direct, [
      `keeper://${uidOf('Direct')}/field/password`,
      `keeper://${uidOf('Direct')}/title`,
    ]);
    expect(((await a.json()) as { results: { values: string[] }[] }).results.map((r) => r.values)).toEqual([
      ['direct-share-value'],
      ['Direct'],
    ]);
    const folder = await mint([`keeper://${uidOf('Ops')}/*`]);
    const b = await resolve(folder, [`keeper://${uidOf('Postgres')}/custom_field/Environment`]);
    expect(b.status).toBe(200);
    expect(((await b.json()) as { results: { values: string[] }[] }).results[0]?.values).toEqual(['prod']);
    const outside = await resolve(folder, [`keeper://${uidOf('Direct')}/field/password`]);
    expect(outside.status).toBe(403);
  });

  it('answers 404 for a scoped UID the application cannot see, and caches that briefly', async () => {
    const hidden = uidOf('Hidden'); // in a folder not shared with the app
    const token = await mint([`keeper://${hidden}/*`]);
    const response = await resolve(token, [`keeper://${hidden}/field/password`]);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('ERR_RECORD_NOT_FOUND');
    const again = await resolve(token, [`keeper://${hidden}/field/password`]);
    expect(again.status).toBe(404);
  });

  it('rejects malformed input with stable codes', async () => {
    const uid = uidOf('Postgres');
    const token = await mint([`keeper://${uid}/*`]);
    expect(await errorCode(await resolve(token, ['keeper://']))).toBe('ERR_INVALID_NOTATION');
    expect(await errorCode(await resolve(token, ['keeper://Postgres/field/password']))).toBe('ERR_NOTATION_NEEDS_UID');
    expect(await errorCode(await resolve(token, [`keeper://${uid}/file/ca.pem`]))).toBe('ERR_UNSUPPORTED_NOTATION');
    expect(await errorCode(await resolve(token, [`keeper://${uid}/field/secret`]))).toBe('ERR_NOTATION_NO_MATCH');
    expect(await errorCode(await resolve(token, []))).toBe('ERR_INVALID_REQUEST');
    expect(await errorCode(await call('/v1/resolve', { token, body: '{"notations":' }))).toBe('ERR_INVALID_JSON');
    const big = await call('/v1/resolve', {
      token,
      body: JSON.stringify({ notations: ['x'.repeat(2048)] }),
      vars: { MAX_BODY_BYTES: '1024' },
    });
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe('ERR_BODY_TOO_LARGE');
  });
});

describe('GET /v1/secrets/:uid', () => {
  it('returns only the fields the scopes allow', async () => {
    const uid = uidOf('Postgres');
    const token = await mint([`keeper://${uid}/field/password`, `keeper://${uid}/custom_field/Environment`]);
    const response = await call(`/v1/secrets/${uid}`, { token });
    expect(response.status).toBe(200);
    const { record } = (await response.json()) as { record: Record<string, unknown> };
    expect(record).toEqual({
      recordUid: uid,
      type: 'login',
      title: 'Postgres',
      fields: [{ type: 'password', value: ['pg-s3cr3t-value'] }],
      custom: [{ type: 'text', label: 'Environment', value: ['prod'] }],
    });
    const all = await call(`/v1/secrets/${uid}`, { token: await mint([`keeper://${uid}/*`]) });
    const full = ((await all.json()) as { record: { fields: { type: string }[]; notes: string } }).record;
    expect(full.fields.map((f) => f.type)).toEqual(expect.arrayContaining(['login', 'password', 'url']));
    expect(full.notes).toBe('primary database');
  });

  it('refuses a record outside the scope and a path that is not a UID', async () => {
    const token = await mint([`keeper://${uidOf('Postgres')}/*`]);
    expect((await call(`/v1/secrets/${uidOf('Direct')}`, { token })).status).toBe(403);
    expect(await errorCode(await call('/v1/secrets/not-a-uid', { token }))).toBe('ERR_INVALID_REQUEST');
  });
});

describe('GET /v1/health', () => {
  it('answers without a token and without values', async () => {
    const response = await call('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      service: 'ksmkit-edge-proxy',
      configured: { ksmConfig: true, tokenSecret: true, cacheKey: true },
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    expect(await errorCode(await call('/nope'))).toBe('ERR_NOT_FOUND');
  });
});
