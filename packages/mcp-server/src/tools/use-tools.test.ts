// End-to-end over stdio: run_with_secrets, http_request, get_totp_code and generate_password against a real vault.
import { rm } from 'node:fs/promises';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY } from '../test-support/canary-seed.js';
import { type EchoUpstream, startEchoUpstream } from '../test-support/echo-upstream.js';
import { callTool, expectNoCanary } from '../test-support/expect-no-canary.js';
import {
  APPROVE,
  type Connected,
  connectStdio,
  type SeededVault,
  startSeededVault,
} from '../test-support/mcp-harness.js';

let seeded: SeededVault;
let upstream: EchoUpstream;
let conn: Connected;
const PW = 'keeper://Postgres/field/password';

const call = (name: string, args: Record<string, unknown>, on: Connected = conn) => callTool(on, name, args);

beforeAll(async () => {
  seeded = await startSeededVault();
  upstream = await startEchoUpstream();
  conn = await connectStdio(seeded, {
    args: [
      '--allow-exec',
      'printenv,sh,node',
      '--exec-timeout',
      '2',
      '--output-cap',
      '4096',
      '--allow-hosts',
      'localhost',
    ],
    elicit: APPROVE,
  });
}, 120_000);

afterAll(async () => {
  await conn?.close();
  await upstream?.stop();
  await seeded?.vault.stop();
  if (seeded !== undefined) await rm(seeded.dir, { recursive: true, force: true });
});

describe('run_with_secrets', () => {
  it('puts the secret in the environment and masks it in the output', slow, async () => {
    const r = await call('run_with_secrets', { command: 'printenv', args: ['DB_PW'], env: { DB_PW: PW } });
    expect(r.out).toMatchObject({ exitCode: 0, withheld: false });
    expect(String(r.out.stdout)).toContain('****');
    expectNoCanary(r.raw);
  });

  it('masks base64, reversed and hex forms, and withholds a value split across lines', slow, async () => {
    const scripts = [
      'printf %s "$X" | base64',
      'printf %s "$X" | rev',
      'printf %s "$X" | od -An -tx1 | tr -d " \\n"',
      'printf %s "$X" | fold -w 4',
    ];
    for (const script of scripts) {
      const r = await call('run_with_secrets', { command: 'sh', args: ['-c', script], env: { X: PW } });
      expect(r.result.isError, script).toBeFalsy();
      expectNoCanary(r.raw);
    }
    const split = await call('run_with_secrets', {
      command: 'sh',
      args: ['-c', 'printf %s "$X" | fold -w 4'],
      env: { X: PW },
    });
    expect(split.out.withheld).toBe(true);
  });

  it('refuses a command that is not allowlisted and forbidden env names; never passes KSM_CONFIG', slow, async () => {
    expect((await call('run_with_secrets', { command: 'cat', args: ['/etc/hostname'] })).text).toContain(
      'ERR_NOT_ALLOWED',
    );
    expect((await call('run_with_secrets', { command: 'printenv', env: { LD_PRELOAD: PW } })).text).toContain(
      'ERR_INVALID_INPUT',
    );
    const env = await call('run_with_secrets', { command: 'printenv', args: ['KSM_CONFIG'] });
    expect(env.out.exitCode).toBe(1);
  });

  it('kills the command at the timeout and caps the output', slow, async () => {
    const slowRun = await call('run_with_secrets', { command: 'sh', args: ['-c', 'sleep 30'] });
    expect(slowRun.out.timedOut).toBe(true);
    const big = await call('run_with_secrets', {
      command: 'node',
      args: ['-e', 'process.stdout.write("y".repeat(100000))'],
    });
    expect(big.out.truncated).toBe(true);
    expect(String(big.out.stdout).length).toBeLessThanOrEqual(4096);
  });
});

describe('http_request', () => {
  it('fills placeholders for an allowlisted host and scrubs the echoed response', slow, async () => {
    const r = await call('http_request', {
      url: `http://127.0.0.1:${upstream.port}/echo?k={{keeper://Postgres/custom_field/API Key}}`,
      method: 'POST',
      headers: { authorization: `Bearer {{${PW}}}` },
      body: `{"pw":"{{${PW}}}"}`,
    });
    expect(r.out.status).toBe(200);
    const seen = upstream.received.at(-1);
    expect(seen?.headers.authorization).toBe(`Bearer ${CANARY.dbPassword}`);
    expect(seen?.body).toContain(CANARY.dbPassword);
    expect(seen?.url).toContain(encodeURIComponent(CANARY.apiKey).slice(0, 10));
    expectNoCanary(r.raw);
  });

  it(
    'refuses a host outside the record allowlist, placeholders in the host, and off-list redirects',
    slow,
    async () => {
      const off = await call('http_request', {
        url: `http://localhost:${upstream.port}/echo`,
        headers: { a: `{{${PW}}}` },
      });
      expect(off.text).toContain('ERR_NOT_ALLOWED');
      const inHost = await call('http_request', { url: `http://{{${PW}}}.example/x` });
      expect(inHost.result.isError).toBe(true);
      const count = upstream.received.length;
      const redirected = await call('http_request', {
        url: `http://127.0.0.1:${upstream.port}/redirect?to=${encodeURIComponent(`http://localhost:${upstream.port}/echo`)}`,
        headers: { a: `{{${PW}}}` },
      });
      expect(redirected.out).toMatchObject({ status: 302, redirectBlocked: true });
      expect(upstream.received.length).toBe(count + 1);
      const followed = await call('http_request', {
        url: `http://127.0.0.1:${upstream.port}/redirect?to=/echo`,
        headers: { a: `{{${PW}}}` },
      });
      expect(followed.out).toMatchObject({ status: 200, redirectBlocked: false });
      expectNoCanary(off.raw + inHost.raw + redirected.raw + followed.raw);
    },
  );

  it('a request without secrets goes only to globally allowed hosts; large bodies are capped', slow, async () => {
    expect((await call('http_request', { url: `http://127.0.0.1:${upstream.port}/echo` })).text).toContain(
      'ERR_NOT_ALLOWED',
    );
    const big = await call('http_request', { url: `http://localhost:${upstream.port}/big` });
    expect(big.out).toMatchObject({ status: 200, truncated: true });
  });
});

describe('get_totp_code and generate_password', () => {
  it('returns a live code only with approval', slow, async () => {
    const list = await call('list_secrets', { title: 'Postgres' });
    const uid = (list.out.records as { uid: string }[])[0]?.uid;
    const approved = await call('get_totp_code', { uid });
    expect(String(approved.out.code)).toMatch(/^\d{6}$/);
    const plain = await connectStdio(seeded);
    try {
      const refused = await call('get_totp_code', { uid }, plain);
      expect(refused.text).toContain('ERR_APPROVAL_UNAVAILABLE');
      expect(refused.text).not.toContain(String(approved.out.code));
      expect((await call('generate_password', { length: 20 }, plain)).result.isError).toBe(true);
    } finally {
      await plain.close();
    }
    const pw = await call('generate_password', { length: 24, reveal: true });
    expect(String(pw.out.password)).toHaveLength(24);
  });
});
