// End-to-end over stdio: write tools (confirmations for deletes), read-only mode, folders and file tools.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { slow } from '@ksmkit/vitest-config';
import type { ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY } from '../test-support/canary-seed.js';
import { callTool, expectNoCanary } from '../test-support/expect-no-canary.js';
import {
  APPROVE,
  type Connected,
  connectStdio,
  type SeededVault,
  startSeededVault,
} from '../test-support/mcp-harness.js';

let seeded: SeededVault;
let conn: Connected;
let files: string;
let answer: ElicitResult = APPROVE;

const call = (name: string, args: Record<string, unknown>, on: Connected = conn) => callTool(on, name, args);

async function uidOf(title: string): Promise<string> {
  const list = await call('list_secrets', { title });
  return (list.out.records as { uid: string }[])[0]?.uid ?? '';
}

beforeAll(async () => {
  seeded = await startSeededVault();
  files = join(seeded.dir, 'files');
  await mkdir(files);
  conn = await connectStdio(seeded, { args: ['--files-dir', files, '--max-file-size', '1000'], elicit: () => answer });
}, 120_000);

afterAll(async () => {
  await conn?.close();
  await seeded?.vault.stop();
  if (seeded !== undefined) await rm(seeded.dir, { recursive: true, force: true });
});

describe('create_secret, update_secret, delete_secret', () => {
  it('creates a record with a generated password that is saved but never returned', slow, async () => {
    const created = await call('create_secret', {
      type: 'login',
      title: 'Generated',
      folder: 'Ops',
      fields: [
        { type: 'login', value: ['svc'] },
        { type: 'password', generate: { length: 30 } },
      ],
    });
    expect(created.out.generated).toEqual(['password']);
    const uid = String(created.out.uid);
    const reveal = await call('get_field', { notation: `keeper://${uid}/field/password`, reveal: true });
    const password = (reveal.out.values as string[])[0] ?? '';
    expect(password).toHaveLength(30);
    expect(created.raw).not.toContain(password);
    const masked = await call('get_secret', { uid });
    expect(masked.raw).not.toContain(password);
  });

  it('updates fields and refuses to touch mcp_allowed_hosts', slow, async () => {
    const uid = await uidOf('Jenkins');
    const updated = await call('update_secret', {
      uid,
      title: 'Jenkins CI',
      fields: [{ type: 'login', value: ['ci-bot'] }],
    });
    expect(updated.result.isError).toBeFalsy();
    const got = await call('get_field', { notation: `keeper://${uid}/field/login` });
    expect(got.out.values).toEqual(['ci-bot']);
    const pg = await uidOf('Postgres');
    const hosts = await call('update_secret', {
      uid: pg,
      custom: [{ type: 'text', label: 'mcp_allowed_hosts', value: ['evil.example'] }],
    });
    expect(hosts.text).toContain('ERR_NOT_ALLOWED');
  });

  it('deletes only when the human confirms', slow, async () => {
    const uid = String((await call('create_secret', { type: 'login', title: 'Doomed', folder: 'Ops' })).out.uid);
    answer = { action: 'decline' };
    expect((await call('delete_secret', { uid })).text).toContain('ERR_APPROVAL_DECLINED');
    expect(await uidOf('Doomed')).toBe(uid);
    answer = APPROVE;
    expect((await call('delete_secret', { uid })).out).toMatchObject({ deleted: true });
    expect(await uidOf('Doomed')).toBe('');
    const plain = await connectStdio(seeded);
    try {
      const pg = await uidOf('Postgres');
      expect((await call('delete_secret', { uid: pg }, plain)).text).toContain('ERR_APPROVAL_UNAVAILABLE');
    } finally {
      await plain.close();
    }
  });

  it('read-only mode registers no write tool', slow, async () => {
    const ro = await connectStdio(seeded, { args: ['--read-only', '--files-dir', files] });
    try {
      const names = (await ro.client.listTools()).tools.map((t) => t.name);
      for (const write of [
        'create_secret',
        'update_secret',
        'delete_secret',
        'create_folder',
        'update_folder',
        'delete_folder',
        'upload_file',
      ]) {
        expect(names).not.toContain(write);
      }
      expect(names).toContain('download_file');
    } finally {
      await ro.close();
    }
  });
});

describe('folders', () => {
  it('creates, renames and deletes (confirmed) a sub-folder', slow, async () => {
    const created = await call('create_folder', { parent: 'Ops', name: 'Sub' });
    const uid = String(created.out.uid);
    await call('update_folder', { uid, name: 'Renamed' });
    const list = await call('list_folders', {});
    expect(list.text).toContain('Renamed');
    expect((await call('delete_folder', { uid })).out).toMatchObject({ deleted: true });
  });
});

describe('upload_file and download_file', () => {
  it('uploads from the allowed directory; refuses traversal, symlinks out and oversized files', slow, async () => {
    const uid = await uidOf('Jenkins');
    await writeFile(join(files, 'ok.txt'), 'plain text');
    expect((await call('upload_file', { uid, path: 'ok.txt' })).out).toMatchObject({ name: 'ok.txt', size: 10 });
    expect((await call('upload_file', { uid, path: '../../etc/passwd' })).text).toContain('ERR_NOT_ALLOWED');
    expect((await call('upload_file', { uid, path: '/etc/passwd' })).text).toContain('ERR_NOT_ALLOWED');
    await symlink('/etc/passwd', join(files, 'link'));
    expect((await call('upload_file', { uid, path: 'link' })).text).toContain('ERR_NOT_ALLOWED');
    await writeFile(join(files, 'big.bin'), 'x'.repeat(2000));
    expect((await call('upload_file', { uid, path: 'big.bin' })).text).toContain('ERR_TOO_LARGE');
  });

  it('downloads into the allowed directory; content only with approval; nothing inline without it', slow, async () => {
    const uid = await uidOf('Postgres');
    const saved = await call('download_file', { uid, file: 'creds.txt', saveTo: 'creds-copy.txt' });
    expect(saved.out.content).toBeNull();
    expect(await readFile(join(files, 'creds-copy.txt'), 'utf8')).toContain(CANARY.fileSecret);
    expectNoCanary(saved.raw);
    const listed = await call('get_secret', { uid });
    expectNoCanary(listed.raw);
    const revealed = await call('download_file', { uid, file: 'creds.txt', reveal: true });
    expect(revealed.out.content).toBe(`token=${CANARY.fileSecret}`);
    expect((await call('download_file', { uid, file: 'creds.txt', saveTo: '../escape.txt' })).text).toContain(
      'ERR_NOT_ALLOWED',
    );
  });
});
