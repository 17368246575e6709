// The owner directory and key file modes: owner secrets apart from the server's files, lax modes refused.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/serve.js';
import { dataDirPaths } from '../store/data-dir.js';
import { ownerDirPaths } from '../store/owner-dir.js';
import { readSettings } from '../store/settings.js';
import { initVault } from './init-vault.js';
import { closeOwnerSession, openOwnerSession } from './session.js';

const roots: string[] = [];
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'vault-ownerdir-'));
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('owner directory', () => {
  it('puts the owner keys and CA key in a chosen owner dir that later commands find without the flag', async () => {
    const root = tempRoot();
    const dataDir = join(root, 'data');
    const ownerDir = join(root, 'admin-only', 'owner');
    const result = await initVault(dataDir, { ownerDir });
    expect(result.ownerDir).toBe(ownerDir);
    expect(readSettings(dataDir).ownerDir).toBe(ownerDir);
    expect(existsSync(join(ownerDir, 'owner-keys.json'))).toBe(true);
    expect(existsSync(join(ownerDir, 'ca-key.pem'))).toBe(true);
    expect(existsSync(dataDirPaths(dataDir).ownerKeys)).toBe(false);
    const session = await openOwnerSession(dataDir);
    closeOwnerSession(session);
    // The server starts with the owner directory gone: it never opens it.
    renameSync(ownerDir, `${ownerDir}.away`);
    try {
      const server = await startServer({ dataDir, port: 0 });
      await server.close();
    } finally {
      renameSync(`${ownerDir}.away`, ownerDir);
    }
  });

  it('still opens a vault initialised before owner directories (keys inside the data dir)', async () => {
    const root = tempRoot();
    const dataDir = join(root, 'vault');
    await initVault(dataDir);
    const owner = ownerDirPaths(dataDir);
    renameSync(owner.ownerKeys, dataDirPaths(dataDir).ownerKeys);
    mkdirSync(dataDirPaths(dataDir).tlsDir, { recursive: true });
    renameSync(owner.caKey, dataDirPaths(dataDir).caKey);
    rmSync(owner.root, { recursive: true });
    expect(ownerDirPaths(dataDir).ownerKeys).toBe(dataDirPaths(dataDir).ownerKeys);
    const session = await openOwnerSession(dataDir);
    closeOwnerSession(session);
  });
});

describe('key file modes', () => {
  it('refuses owner keys, the server key and the TLS key when others may read them', async () => {
    const root = tempRoot();
    const dataDir = join(root, 'vault');
    await initVault(dataDir);
    const paths = dataDirPaths(dataDir);
    const owner = ownerDirPaths(dataDir);

    chmodSync(owner.ownerKeys, 0o644);
    await expect(openOwnerSession(dataDir)).rejects.toMatchObject({
      code: 'ERR_KEY_FILE_MODE',
      message: expect.stringContaining(`chmod 600 ${owner.ownerKeys}`),
    });
    chmodSync(owner.ownerKeys, 0o600);

    for (const file of [paths.serverKey, paths.serverCertKey]) {
      chmodSync(file, 0o640);
      await expect(startServer({ dataDir, port: 0 })).rejects.toMatchObject({ code: 'ERR_KEY_FILE_MODE' });
      chmodSync(file, 0o600);
    }
    const server = await startServer({ dataDir, port: 0 });
    await server.close();
  });
});
