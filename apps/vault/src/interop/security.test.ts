// Security model: one-time tokens, token expiry, IP lock, removed and expired devices, tampered requests.
import * as ksm from '@keeper-security/secrets-manager-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DENIALS } from '../server/denials.js';
import { type RunningServer, startServer } from '../server/serve.js';
import type { Database } from '../store/open-database.js';
import { createFixtureVault, type FixtureVault } from './fixture-vault.test-support.js';
import { sdkDevice, sdkErrorBody, trustVault } from './sdk.test-support.js';

const slow = { timeout: 60_000 };

/** Every row of every table, blobs as hex: equal snapshots mean nothing was written. */
function snapshot(db: Database): string {
  const tables = ['apps', 'folders', 'records', 'pending_updates', 'files', 'shares', 'clients'];
  return JSON.stringify(
    tables.map((table) =>
      db
        .prepare(`SELECT * FROM ${table} ORDER BY rowid`)
        .all()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row as Record<string, unknown>).map(([k, v]) => [
              k,
              v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
            ]),
          ),
        ),
    ),
  );
}

describe('security model', () => {
  let vault: FixtureVault;
  let server: RunningServer;
  let recordUid: string;
  beforeAll(async () => {
    vault = await createFixtureVault();
    recordUid = await vault.addRecord(
      { title: 'Guarded', type: 'login', fields: [{ type: 'password', value: ['guarded-pw'] }] },
      { folderUid: await vault.addFolder('Guarded folder') },
    );
    server = await startServer({ dataDir: vault.dataDir, port: 0 });
  }, 60_000);
  afterEach(() => trustVault(vault.dataDir));
  afterAll(async () => {
    await server?.close();
    vault?.db.close();
  });
  const device = (token: string, extra: Partial<ksm.SecretManagerOptions> = {}) =>
    sdkDevice(token, server.hostname, vault.serverKey.publicKeyText, extra);
  const publicKeyOf = (clientId: string) =>
    (
      vault.db.prepare('SELECT public_key FROM clients WHERE client_id = ?').get(clientId) as {
        public_key: Uint8Array | null;
      }
    ).public_key;

  it('refuses a second device using an already used token, without rebinding', slow, async () => {
    trustVault(vault.dataDir);
    const { token, clientId } = await vault.addClient();
    const first = await device(token);
    expect((await ksm.getSecrets(first.options)).records).toHaveLength(1);
    const bound = Buffer.from(publicKeyOf(clientId) as Uint8Array).toString('hex');
    const second = await device(token);
    const body = await sdkErrorBody(ksm.getSecrets(second.options));
    expect(body).toEqual({ error: 'access_denied', result_code: 'token_used', message: DENIALS.token_used });
    expect(Buffer.from(publicKeyOf(clientId) as Uint8Array).toString('hex')).toBe(bound);
    expect((await ksm.getSecrets(first.options)).records).toHaveLength(1);
  });

  it('refuses an unused token after it expired', slow, async () => {
    trustVault(vault.dataDir);
    const { token, clientId } = await vault.addClient({ tokenExpiresAt: Date.now() - 1 });
    const body = await sdkErrorBody(ksm.getSecrets((await device(token)).options));
    expect(body).toEqual({ error: 'access_denied', result_code: 'token_expired', message: DENIALS.token_expired });
    expect(publicKeyOf(clientId)).toBeNull();
  });

  it('locks a device to the first IP unless it was created with unlock-ip', slow, async () => {
    trustVault(vault.dataDir, { localAddress: '127.0.0.1' });
    const locked = await device((await vault.addClient()).token);
    const unlocked = await device((await vault.addClient({ unlockIp: true })).token);
    await ksm.getSecrets(locked.options);
    await ksm.getSecrets(unlocked.options);
    trustVault(vault.dataDir, { localAddress: '127.0.0.2' });
    const body = await sdkErrorBody(ksm.getSecrets(locked.options));
    expect(body).toEqual({
      error: 'access_denied',
      result_code: 'device_ip_locked',
      message: DENIALS.device_ip_locked,
    });
    expect((await ksm.getSecrets(unlocked.options)).records).toHaveLength(1);
  });

  it('refuses a removed device on its next request', slow, async () => {
    trustVault(vault.dataDir);
    const { token, clientId } = await vault.addClient();
    const removed = await device(token);
    await ksm.getSecrets(removed.options);
    vault.db.prepare('DELETE FROM clients WHERE client_id = ?').run(clientId);
    const body = await sdkErrorBody(ksm.getSecrets(removed.options));
    expect(body).toEqual({ error: 'access_denied', result_code: 'device_removed', message: DENIALS.device_removed });
  });

  it('reports the access expiry and refuses the device once it passed', slow, async () => {
    trustVault(vault.dataDir);
    const { token, clientId } = await vault.addClient();
    vault.db.prepare('UPDATE clients SET access_expire_minutes = 5 WHERE client_id = ?').run(clientId);
    const expiring = await device(token);
    const secrets = await ksm.getSecrets(expiring.options);
    expect(secrets.expiresOn?.getTime()).toBeGreaterThan(Date.now());
    vault.db.prepare('UPDATE clients SET access_expires_at = ? WHERE client_id = ?').run(Date.now() - 1, clientId);
    const body = await sdkErrorBody(ksm.getSecrets(expiring.options));
    expect(body).toEqual({ error: 'access_denied', result_code: 'device_expired', message: DENIALS.device_expired });
  });

  it.each([
    ['transmission key', 'key'],
    ['body', 'body'],
    ['signature', 'signature'],
  ] as const)('refuses a tampered %s and writes nothing', slow, async (_label, part) => {
    trustVault(vault.dataDir);
    let tamper = false;
    const queryFunction: ksm.SecretManagerOptions['queryFunction'] = (url, transmissionKey, payload, unverified) => {
      if (tamper) {
        const flip = (bytes: Uint8Array, at: number) => {
          const copy = new Uint8Array(bytes);
          copy[at] = (copy[at] as number) ^ 1;
          return copy;
        };
        if (part === 'key')
          transmissionKey = { ...transmissionKey, encryptedKey: flip(transmissionKey.encryptedKey, 70) };
        if (part === 'body') payload = { ...payload, payload: flip(payload.payload, 20) };
        if (part === 'signature') payload = { ...payload, signature: flip(payload.signature, 10) };
      }
      return ksm.postFunction(url, transmissionKey, payload, unverified);
    };
    const { token, clientId } = await vault.addClient();
    const bound = await device(token, { queryFunction });
    const unbound = await device((await vault.addClient()).token, { queryFunction });
    const [record] = (await ksm.getSecrets(bound.options)).records;
    if (record === undefined) throw new Error('no record');
    record.data.fields[0].value = ['tampered-write'];
    tamper = true;
    const before = snapshot(vault.db);
    const update = await sdkErrorBody(ksm.updateSecret(bound.options, record));
    const bind = await sdkErrorBody(ksm.getSecrets(unbound.options));
    expect(snapshot(vault.db)).toBe(before);
    expect([update.error, bind.error]).toEqual(['access_denied', 'access_denied']);
    tamper = false;
    const [after] = (await ksm.getSecrets(bound.options, [recordUid])).records;
    expect(after?.data.fields[0].value).toEqual(['guarded-pw']);
    expect(publicKeyOf(clientId)).not.toBeNull();
  });
});
