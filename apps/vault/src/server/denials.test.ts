// The distinct access-denied results of the shared wire contract, each provoked for real.
import { base64Encode, generateEcKeyPair } from '@ksmkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteClient } from '../store/clients.js';
import { DENIALS, type DenialCode } from './denials.js';
import { createWireHarness, type WireHarness } from './wire-call.test-support.js';

describe('distinct access-denied results', () => {
  let h: WireHarness;
  let ip = '127.0.0.1';

  beforeAll(async () => {
    h = await createWireHarness({ clientIp: () => ip });
    await h.vault.addFolder('Shared');
  }, 60_000);
  afterAll(() => h?.vault.db.close());

  function expectDenied(response: Awaited<ReturnType<WireHarness['call']>>, code: DenialCode) {
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ error: 'access_denied', result_code: code, message: DENIALS[code] });
  }

  async function unbound(options: Parameters<WireHarness['vault']['addClient']>[0] = {}) {
    const { clientId } = await h.vault.addClient(options);
    return { clientId, keys: await generateEcKeyPair() };
  }
  const bindWith = (device: Awaited<ReturnType<typeof unbound>>) =>
    h.call(device, 'get_secret', { publicKey: base64Encode(device.keys.publicKey) });

  it('invalid_client: a clientId that never existed', async () => {
    const stranger = { clientId: base64Encode(new Uint8Array(64).fill(7)), keys: await generateEcKeyPair() };
    expectDenied(await h.call(stranger, 'get_secret', {}), 'invalid_client');
  });

  it('device_removed: a device the owner removed', async () => {
    const device = await h.bindDevice();
    expect((await h.call(device, 'get_secret', {})).status).toBe(200);
    deleteClient(h.vault.db, device.clientId);
    expectDenied(await h.call(device, 'get_secret', {}), 'device_removed');
  });

  it('signature_invalid: a request signed with another key', async () => {
    const device = await h.bindDevice();
    const forger = { clientId: device.clientId, keys: await generateEcKeyPair() };
    expectDenied(await h.call(forger, 'get_folders', {}), 'signature_invalid');
  });

  it('token_used: a used token presented again with a new key', async () => {
    const device = await unbound();
    expect((await bindWith(device)).status).toBe(200);
    expectDenied(await bindWith({ clientId: device.clientId, keys: await generateEcKeyPair() }), 'token_used');
  });

  it('token_expired: binding after the token lapsed', async () => {
    expectDenied(await bindWith(await unbound({ tokenExpiresAt: Date.now() - 1000 })), 'token_expired');
  });

  it('device_expired: access past expiresOn', async () => {
    expectDenied(await bindWith(await unbound({ accessExpiresAt: Date.now() - 1000 })), 'device_expired');
  });

  it('device_ip_locked: a request from another IP than the locked one', async () => {
    const device = await unbound();
    expect((await bindWith(device)).status).toBe(200);
    ip = '127.0.0.2';
    try {
      expectDenied(await h.call(device, 'get_secret', {}), 'device_ip_locked');
    } finally {
      ip = '127.0.0.1';
    }
  });
});
