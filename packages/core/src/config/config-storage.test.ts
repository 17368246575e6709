import { describe, expect, it } from 'vitest';
import { generateEcKeyPair } from '../crypto/ec-keys.js';
import { base64Decode, base64Encode } from '../encoding/base64.js';
import { rejection } from '../test-support/ksm-error-of.js';
import { readDeviceConfig, updateDeviceConfig, writeDeviceConfig } from './config-storage.js';
import type { DeviceConfig } from './device-config.js';
import { createMemoryStorage } from './memory-storage.js';
import type { KeyValueStorage } from './storage.js';

const CLIENT_KEY = base64Decode('YyIhK5wXFHj36wGBAOmBsxI3v5rIruINrC8KXjyM58c');
const CLIENT_ID = '6FSaAYix6NY+3gFbC4h3yVRgKDl1prYLTowsYcd2vWipj27jpjtaYgTz1N+XKOQgtt42RMa7GBg7sIZfnwlWVQ==';
const device = await generateEcKeyPair();
const owner = await generateEcKeyPair();
const UNBOUND: DeviceConfig = {
  hostname: 'keepersecurity.com',
  clientId: CLIENT_ID,
  clientKey: CLIENT_KEY,
  privateKey: device.privateKey,
};

/** Wraps a storage and records every write and delete, in order. */
function recording(inner: KeyValueStorage): KeyValueStorage & { readonly log: string[] } {
  const log: string[] = [];
  return {
    log,
    getString: (key) => inner.getString(key),
    saveString: (key, value) => {
      log.push(`save ${key}`);
      return inner.saveString(key, value);
    },
    delete: (key) => {
      log.push(`delete ${key}`);
      return inner.delete(key);
    },
  };
}

describe('writeDeviceConfig / readDeviceConfig', () => {
  it('round-trips a config through a storage in the official stored form', async () => {
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, UNBOUND);
    expect(storage.snapshot()).toEqual({
      hostname: 'keepersecurity.com',
      clientId: CLIENT_ID,
      clientKey: base64Encode(CLIENT_KEY),
      privateKey: base64Encode(device.privateKey),
    });
    expect(await readDeviceConfig(storage)).toEqual(UNBOUND);
  });

  it('removes known keys the config lacks, keeps foreign keys, and writes clientId last', async () => {
    const storage = recording(
      createMemoryStorage({ appKey: base64Encode(new Uint8Array(32)), serverPublicKeyId: '9', other: 'kept' }),
    );
    await writeDeviceConfig(storage, UNBOUND);
    expect(storage.log.at(-1)).toBe('save clientId');
    expect(storage.log).toContain('delete appKey');
    expect(storage.log).toContain('delete serverPublicKeyId');
    expect(await storage.getString('other')).toBe('kept');
    expect(await storage.getString('appKey')).toBeUndefined();
  });

  it('validates before writing anything', async () => {
    const storage = recording(createMemoryStorage());
    await expect(writeDeviceConfig(storage, { ...UNBOUND, clientKey: new Uint8Array(3) })).rejects.toMatchObject({
      code: 'ERR_INVALID_CONFIG',
      details: { key: 'clientKey' },
    });
    expect(storage.log).toEqual([]);
  });

  it('tells an empty storage from a broken one', async () => {
    await rejection(readDeviceConfig(createMemoryStorage()), 'ERR_CONFIG_NOT_INITIALIZED');
    const broken = createMemoryStorage({ clientId: CLIENT_ID, hostname: 'keepersecurity.com' });
    expect((await rejection(readDeviceConfig(broken), 'ERR_INVALID_CONFIG')).details.key).toBe('privateKey');
  });
});

describe('updateDeviceConfig', () => {
  it('binds: stores appKey and the owner key, deletes clientKey, touches nothing else', async () => {
    const inner = createMemoryStorage();
    await writeDeviceConfig(inner, UNBOUND);
    const storage = recording(inner);
    const appKey = new Uint8Array(32).fill(7);
    const bound = await updateDeviceConfig(storage, { appKey, appOwnerPublicKey: owner.publicKey, clientKey: null });
    expect(storage.log.sort()).toEqual(['delete clientKey', 'save appKey', 'save appOwnerPublicKey']);
    expect(bound).toEqual({ ...UNBOUND, clientKey: undefined, appKey, appOwnerPublicKey: owner.publicKey });
    expect(await readDeviceConfig(inner)).toEqual(bound);
    expect(await inner.getString('clientKey')).toBeUndefined();
  });

  it('rotates the server key id', async () => {
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, UNBOUND);
    expect((await updateDeviceConfig(storage, { serverPublicKeyId: 9 })).serverPublicKeyId).toBe(9);
    expect(await storage.getString('serverPublicKeyId')).toBe('9');
    await updateDeviceConfig(storage, { serverPublicKeyId: null });
    expect(await storage.getString('serverPublicKeyId')).toBeUndefined();
  });

  it('rejects a result that is not a usable config and leaves the storage alone', async () => {
    const inner = createMemoryStorage();
    await writeDeviceConfig(inner, UNBOUND);
    const before = inner.snapshot();
    const storage = recording(inner);
    const noKey = await rejection(updateDeviceConfig(storage, { clientKey: null }), 'ERR_INVALID_CONFIG');
    expect(noKey.details).toEqual({ key: 'appKey', reason: 'missing' });
    const otherToken = new Uint8Array(32).fill(1);
    const mismatch = await rejection(updateDeviceConfig(storage, { clientKey: otherToken }), 'ERR_INVALID_CONFIG');
    expect(mismatch.details.reason).toBe('client-id-mismatch');
    expect(storage.log).toEqual([]);
    expect(inner.snapshot()).toEqual(before);
  });
});

describe('readDeviceConfig decodes once per stored state', () => {
  it('returns the decoded config again while the stored strings are unchanged, a new one after a change', async () => {
    const storage = createMemoryStorage();
    await writeDeviceConfig(storage, UNBOUND);
    const first = await readDeviceConfig(storage);
    expect(await readDeviceConfig(storage)).toBe(first);
    await updateDeviceConfig(storage, { serverPublicKeyId: 9 });
    const changed = await readDeviceConfig(storage);
    expect(changed).not.toBe(first);
    expect(changed.serverPublicKeyId).toBe(9);
    expect(await readDeviceConfig(createMemoryStorage(storage.snapshot()))).not.toBe(changed);
  });
});
