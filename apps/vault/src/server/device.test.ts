import { describe, expect, it } from 'vitest';
import { insertApp } from '../store/apps.js';
import { getClientById, insertClient } from '../store/clients.js';
import { openDatabase } from '../store/open-database.js';
import { type Device, LAST_SEEN_RESOLUTION_MS, recordDeviceUse } from './device.js';

const key = new Uint8Array(65).fill(4);

function device() {
  const db = openDatabase(':memory:');
  insertApp(db, { uid: 'app', ownerAppKey: new Uint8Array([1]), appData: new Uint8Array([2]), createdAt: 1 });
  insertClient(db, {
    clientId: 'c1',
    appUid: 'app',
    name: 'n',
    encryptedAppKey: new Uint8Array([3]),
    publicKey: null,
    unlockIp: false,
    tokenExpiresAt: 10_000,
    accessExpireMinutes: null,
    createdAt: 1,
  });
  const current = () => getClientById(db, 'c1') as Device;
  return { db, current };
}

describe('recordDeviceUse', () => {
  it('binds, locks the IP and stamps last seen on first use', () => {
    const { db, current } = device();
    recordDeviceUse(db, current(), { ip: '127.0.0.1', now: 1_000, publicKey: key });
    expect(current()).toMatchObject({ lockedIp: '127.0.0.1', boundAt: 1_000, lastSeenAt: 1_000 });
    expect(current().publicKey).toEqual(key);
  });

  it('writes nothing for a bound, locked device seen within the resolution, and stamps it again after', () => {
    const { db, current } = device();
    recordDeviceUse(db, current(), { ip: '127.0.0.1', now: 1_000, publicKey: key });
    const before = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    recordDeviceUse(db, current(), { ip: '127.0.0.1', now: 1_000 + LAST_SEEN_RESOLUTION_MS - 1 });
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(before);
    expect(current().lastSeenAt).toBe(1_000);
    const later = 1_000 + LAST_SEEN_RESOLUTION_MS;
    recordDeviceUse(db, current(), { ip: '127.0.0.1', now: later });
    expect(current().lastSeenAt).toBe(later);
  });

  it('still refuses a device that another request locked to another IP meanwhile', () => {
    const { db, current } = device();
    const unbound = current();
    recordDeviceUse(db, unbound, { ip: '127.0.0.1', now: 1_000, publicKey: key });
    // a request that read the device before it was bound and locked, from another address
    expect(() => recordDeviceUse(db, unbound, { ip: '127.0.0.2', now: 1_001, publicKey: key })).toThrow();
  });
});
