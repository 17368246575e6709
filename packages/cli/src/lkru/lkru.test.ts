// Subprocess tests of the built `lkru` against a real gnome-keyring in a private D-Bus session.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectionPath, LKRU_AGENT, openSecretService } from '@ksmkit/config/keyring';
import { type KeyringSession, secretTool, startBareBus, startKeyring } from '@ksmkit/test-support/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../shared/exit-codes.js';

const BIN = fileURLToPath(new URL('../../dist/lkru/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lkru(env: Record<string, string | undefined>, args: string[], input: string | Buffer = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('lkru', () => {
  let session: KeyringSession;
  beforeAll(async () => {
    session = await startKeyring();
  }, 60_000);
  afterAll(async () => {
    await session?.stop();
  });

  it('sets, gets and deletes a secret', async () => {
    expect((await lkru(session.env, ['set', 'app1', '{"a":1}'])).code).toBe(0);
    expect(await lkru(session.env, ['get', 'app1'])).toEqual({ code: 0, stdout: '{"a":1}\n', stderr: '' });
    expect((await lkru(session.env, ['del', 'app1'])).code).toBe(0);
    const gone = await lkru(session.env, ['get', 'app1']);
    expect(gone.code).toBe(EXIT.KEYRING_SECRET_NOT_FOUND);
    expect(gone.stderr).toContain('No matching secret');
    expect(gone.stdout).toBe('');
  });

  it('encodes with set -b and decodes with get -b', async () => {
    expect((await lkru(session.env, ['set', '-b', 'app2', 'hello world'])).code).toBe(0);
    expect((await lkru(session.env, ['get', 'app2'])).stdout).toBe(
      `${Buffer.from('hello world').toString('base64')}\n`,
    );
    expect((await lkru(session.env, ['get', '--base64', 'app2'])).stdout).toBe('hello world\n');
  });

  it('fails get -b on data that is not base64', async () => {
    await lkru(session.env, ['set', 'app3', 'not base64!']);
    const run = await lkru(session.env, ['get', '-b', 'app3']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('not base64');
    expect(run.stdout).toBe('');
  });

  it('reads DATA from stdin when it is -', async () => {
    expect((await lkru(session.env, ['set', 'app4', '-'], 'from stdin')).code).toBe(0);
    expect((await lkru(session.env, ['get', 'app4'])).stdout).toBe('from stdin\n');
  });

  it('interoperates with secret-tool both ways', async () => {
    await lkru(session.env, ['set', 'app5', 'by lkru']);
    expect(await secretTool(session.env, ['lookup', 'Application', 'lkru', 'Id', 'app5'])).toBe('by lkru');
    await secretTool(
      session.env,
      ['store', '--label', 'app6', 'Agent', LKRU_AGENT, 'Application', 'lkru', 'Id', 'app6'],
      'by secret-tool',
    );
    expect((await lkru(session.env, ['get', 'app6'])).stdout).toBe('by secret-tool\n');
  });

  it('honours -a APPLICATION and -c COLLECTION', async () => {
    expect((await lkru(session.env, ['-a', 'other', '-c', 'login', 'set', 'app8', 'v8'])).code).toBe(0);
    expect(await secretTool(session.env, ['lookup', 'Application', 'other', 'Id', 'app8'])).toBe('v8');
    expect((await lkru(session.env, ['get', 'app8'])).code).toBe(EXIT.KEYRING_SECRET_NOT_FOUND);
    expect((await lkru(session.env, ['get', '--application', 'other', 'app8'])).stdout).toBe('v8\n');
  });

  it('del stops at the first error', async () => {
    await lkru(session.env, ['set', 'a7', 'x']);
    await lkru(session.env, ['set', 'c7', 'z']);
    const run = await lkru(session.env, ['del', 'a7', 'missing7', 'c7']);
    expect(run.code).toBe(EXIT.KEYRING_SECRET_NOT_FOUND);
    expect((await lkru(session.env, ['get', 'a7'])).code).toBe(EXIT.KEYRING_SECRET_NOT_FOUND);
    expect((await lkru(session.env, ['get', 'c7'])).stdout).toBe('z\n');
  });
});

describe('lkru as Keeper documents it', () => {
  let session: KeyringSession;
  beforeAll(async () => {
    session = await startKeyring();
  }, 60_000);
  afterAll(async () => {
    await session?.stop();
  });

  it('never echoes a value that starts with "-", and takes it after --', async () => {
    const refused = await lkru(session.env, ['set', 'pw', '-MySecretPw1']);
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.stderr).not.toContain('MySecretPw1');
    expect(refused.stderr).toContain('--');
    expect((await lkru(session.env, ['set', 'pw', '--', '-MySecretPw1'])).code).toBe(0);
    expect((await lkru(session.env, ['get', 'pw'])).stdout).toBe('-MySecretPw1\n');
  });

  it('stores stdin bytes binary-safe with set -b NAME -', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x41]);
    expect((await lkru(session.env, ['set', '-b', 'bin', '-'], bytes)).code).toBe(0);
    expect((await lkru(session.env, ['get', 'bin'])).stdout).toBe('//4AAUE=\n');
  });

  it('prints help for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await lkru({}, args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('usage: lkru');
      expect(run.stdout).toContain('Exit codes');
    }
  });

  it('says "Unable to get secret" for a missing secret and a locked keyring (exit 11)', async () => {
    const missing = await lkru(session.env, ['get', 'absent']);
    expect(missing.code).toBe(EXIT.KEYRING_SECRET_NOT_FOUND);
    expect(missing.stderr).toMatch(/^lkru: Unable to get secret 'absent': /);
    await lkru(session.env, ['set', 'locked-one', 'v']);
    const service = await openSecretService(session.env);
    try {
      await service.lock(collectionPath({ alias: 'default' }));
    } finally {
      await service.close();
    }
    const locked = await lkru(session.env, ['get', 'locked-one']);
    expect(locked.code).toBe(EXIT.KEYRING_LOCKED);
    expect(locked.stderr).toMatch(/^lkru: Unable to get secret 'locked-one': /);
  });
});

describe('lkru failures', () => {
  it('reports a missing D-Bus session', async () => {
    const run = await lkru({ PATH: process.env.PATH }, ['get', 'x']);
    expect(run.code).toBe(EXIT.DBUS_NO_SESSION);
    expect(run.stderr).toMatch(/^lkru: Unable to get secret 'x': /);
  });

  it('reports a D-Bus address nothing listens on', async () => {
    const run = await lkru({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ksmkit-bus' }, ['get', 'x']);
    expect(run.code).toBe(EXIT.DBUS_UNAVAILABLE);
    expect(run.stderr).toMatch(/^lkru: Unable to get secret 'x': /);
  });

  it('reports a session without a keyring', { timeout: 60_000 }, async () => {
    const bus = await startBareBus();
    try {
      const run = await lkru(bus.env, ['get', 'x']);
      expect(run.code).toBe(EXIT.KEYRING_NOT_FOUND);
      expect(run.stderr).toMatch(/^lkru: Unable to get secret 'x': /);
    } finally {
      await bus.stop();
    }
  });

  it('rejects bad usage', async () => {
    expect((await lkru({}, ['get'])).code).toBe(EXIT.USAGE);
    expect((await lkru({}, ['frob', 'x'])).code).toBe(EXIT.USAGE);
    expect((await lkru({}, ['get', '--bogus', 'x'])).code).toBe(EXIT.USAGE);
  });
});
