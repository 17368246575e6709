// End-to-end: the built `ksmkit-mcp http` driven by the SDK Client over Streamable HTTP, tokens, Host/Origin, limits.

import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY } from '../test-support/canary-seed.js';
import { expectNoCanary } from '../test-support/expect-no-canary.js';
import {
  APPROVE,
  connectHttp,
  type HttpServerProcess,
  resultText,
  runMcpBinary,
  type SeededVault,
  startHttpServer,
  startSeededVault,
} from '../test-support/mcp-harness.js';

let seeded: SeededVault;
let http: HttpServerProcess;
let clientsFile: string;

async function addClient(name: string, scopes = 'read', expires = '1d'): Promise<string> {
  const out = await runMcpBinary(seeded, [
    'clients',
    'add',
    name,
    '--scopes',
    scopes,
    '--expires',
    expires,
    '--json',
    '--clients-file',
    clientsFile,
  ]);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { token: string }).token;
}

/** A raw POST to /mcp with chosen headers (node:http, so Host can be set); resolves with the status. */
function rawPost(port: number, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          host: `127.0.0.1:${port}`,
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  seeded = await startSeededVault();
  clientsFile = join(seeded.dir, 'clients.json');
  http = await startHttpServer(seeded, [
    '--clients-file',
    clientsFile,
    '--rate-limit',
    '0',
    '--allow-exec',
    'printenv',
  ]);
}, 120_000);

afterAll(async () => {
  await http?.stop();
  await seeded?.vault.stop();
  if (seeded !== undefined) await rm(seeded.dir, { recursive: true, force: true });
});

describe('ksmkit-mcp http (stateless)', () => {
  it('serves the tools to a client with a valid token, values masked', slow, async () => {
    const token = await addClient('reader');
    const conn = await connectHttp(http.url, token);
    try {
      const names = (await conn.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['list_secrets', 'get_secret', 'health']));
      const list = await conn.client.callTool({ name: 'list_secrets', arguments: {} });
      expect(resultText(list)).toContain('Postgres');
      const uid = (list.structuredContent as { records: { uid: string; title: string }[] }).records.find(
        (r) => r.title === 'Postgres',
      )?.uid;
      const got = await conn.client.callTool({
        name: 'get_field',
        arguments: { notation: `keeper://${uid}/field/password` },
      });
      expect(got.structuredContent).toMatchObject({ masked: true });
      expectNoCanary(JSON.stringify([list, got]));
    } finally {
      await conn.close();
    }
  });

  it('stores only a hash of the token; clients list never shows it', slow, async () => {
    const token = await addClient('hashed');
    const listed = await runMcpBinary(seeded, ['clients', 'list', '--json', '--clients-file', clientsFile]);
    expect(listed.stdout).toContain('hashed');
    expect(listed.stdout).not.toContain(token);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(clientsFile, 'utf8')).not.toContain(token);
  });

  it('refuses missing, wrong, expired and revoked tokens', slow, async () => {
    expect(await rawPost(http.port, {})).toBe(401);
    expect(await rawPost(http.port, { authorization: 'Bearer kmcp_wrong' })).toBe(401);
    expect(await rawPost(http.port, { authorization: 'Basic abc' })).toBe(401);
    const expiring = await addClient('short', 'read', '1s');
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await rawPost(http.port, { authorization: `Bearer ${expiring}` })).toBe(401);
    const revoked = await addClient('to-revoke');
    expect(await rawPost(http.port, { authorization: `Bearer ${revoked}` })).toBe(200);
    expect((await runMcpBinary(seeded, ['clients', 'revoke', 'to-revoke', '--clients-file', clientsFile])).code).toBe(
      0,
    );
    expect(await rawPost(http.port, { authorization: `Bearer ${revoked}` })).toBe(401);
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', slow, async () => {
    const token = await addClient('browser');
    const auth = { authorization: `Bearer ${token}` };
    expect(await rawPost(http.port, { ...auth, host: 'evil.example:80' })).toBe(403);
    expect(await rawPost(http.port, { ...auth, origin: 'http://evil.example' })).toBe(403);
    expect(await rawPost(http.port, { ...auth, origin: `http://localhost:${http.port}` })).toBe(200);
  });

  it('scopes: a read token cannot reveal; stateless HTTP has no elicitation', slow, async () => {
    const reader = await connectHttp(http.url, await addClient('no-reveal'), APPROVE);
    const revealer = await connectHttp(http.url, await addClient('revealer', 'read,reveal'), APPROVE);
    try {
      const args = { notation: 'keeper://Postgres/field/password', reveal: true };
      const denied = await reader.client.callTool({ name: 'get_field', arguments: args });
      expect(resultText(denied)).toContain('ERR_NOT_ALLOWED');
      const unavailable = await revealer.client.callTool({ name: 'get_field', arguments: args });
      expect(resultText(unavailable)).toContain('ERR_APPROVAL_UNAVAILABLE');
      expectNoCanary(JSON.stringify([denied, unavailable]));
    } finally {
      await reader.close();
      await revealer.close();
    }
  });
});

describe('ksmkit-mcp http scopes: use and write', () => {
  it('a read token sees no use or write tools; a use,write token runs and writes', slow, async () => {
    const reader = await connectHttp(http.url, await addClient('only-read'));
    const worker = await connectHttp(http.url, await addClient('worker', 'read,use,write'));
    try {
      const readNames = (await reader.client.listTools()).tools.map((t) => t.name);
      expect(readNames).not.toContain('run_with_secrets');
      expect(readNames).not.toContain('create_folder');
      const run = await worker.client.callTool({
        name: 'run_with_secrets',
        arguments: { command: 'printenv', args: ['X'], env: { X: 'keeper://Postgres/field/password' } },
      });
      expect(run.structuredContent).toMatchObject({ exitCode: 0 });
      expectNoCanary(JSON.stringify(run));
      const folder = await worker.client.callTool({
        name: 'create_folder',
        arguments: { parent: 'Ops', name: 'From HTTP' },
      });
      expect(folder.isError).toBeFalsy();
    } finally {
      await reader.close();
      await worker.close();
    }
  });
});

describe('ksmkit-mcp http --sessions', () => {
  it('asks the human over HTTP and reveals only on approval; rate limit applies per client', slow, async () => {
    const limited = await startHttpServer(seeded, ['--clients-file', clientsFile, '--sessions', '--rate-limit', '6']);
    try {
      const token = await addClient('session', 'read,reveal');
      const conn = await connectHttp(limited.url, token, APPROVE);
      const got = await conn.client.callTool({
        name: 'get_field',
        arguments: { notation: 'keeper://Postgres/field/password', reveal: true },
      });
      expect(got.structuredContent).toMatchObject({ masked: false, values: [CANARY.dbPassword] });
      expect(conn.asked).toHaveLength(1);
      await conn.close();
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await rawPost(limited.port, { authorization: `Bearer ${token}` }));
      expect(statuses).toContain(429);
    } finally {
      await limited.stop();
    }
  });
});
