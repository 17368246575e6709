// Tests of the server transmission key file: creation (0600), loading, id rules, damage detection.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64Decode, publicDecrypt, publicEncrypt } from '@ksmkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirPaths, ensureDataDir } from '../store/data-dir.js';
import { checkServerKeyId, createServerKey, loadServerKey } from './server-key.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-skey-'));
  dirs.push(dir);
  ensureDataDir(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('server key', () => {
  it('creates a 0600 key file with id 20 and loads a working ECIES key pair', async () => {
    const dir = tempDir();
    const created = await createServerKey(dir);
    expect(created.keyId).toBe(20);
    expect(statSync(dataDirPaths(dir).serverKey).mode & 0o777).toBe(0o600);
    const loaded = await loadServerKey(dir);
    expect(loaded.publicKeyText).toBe(created.publicKeyText);
    expect(base64Decode(loaded.publicKeyText)).toHaveLength(65);
    const secret = new Uint8Array(32).fill(7);
    expect(
      await publicDecrypt(await publicEncrypt(secret, base64Decode(loaded.publicKeyText)), loaded.privateKey),
    ).toEqual(secret);
  });

  it('never replaces an existing key', async () => {
    const dir = tempDir();
    await createServerKey(dir);
    await expect(createServerKey(dir)).rejects.toMatchObject({ code: 'ERR_ALREADY_INITIALIZED' });
  });

  it('refuses Keeper key ids (1–18) and non-integers', () => {
    for (const id of [0, 7, 10, 18, 20.5, Number.NaN]) expect(() => checkServerKeyId(id)).toThrow(/19 or more/);
    expect(checkServerKeyId(19)).toBe(19);
  });

  it('detects a public key that does not match the private key, without printing either', async () => {
    const dir = tempDir();
    await createServerKey(dir);
    const other = tempDir();
    await createServerKey(other);
    const file = JSON.parse(readFileSync(dataDirPaths(dir).serverKey, 'utf8'));
    file.publicKey = JSON.parse(readFileSync(dataDirPaths(other).serverKey, 'utf8')).publicKey;
    writeFileSync(dataDirPaths(dir).serverKey, JSON.stringify(file));
    const error = await loadServerKey(dir).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'ERR_INVALID_FILE' });
    expect(String((error as Error).message)).not.toContain(file.privateKey);
  });

  it('says to run init when the key is missing', async () => {
    await expect(loadServerKey(tempDir())).rejects.toMatchObject({ code: 'ERR_NOT_INITIALIZED' });
  });
});
