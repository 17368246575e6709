// The server's view of a device (client): look-up by clientId and recording a successful use (bind, IP, last seen).
import { bindClient, type ClientRow, getClientById, lockClientIp, touchClient } from '../store/clients.js';
import type { Database } from '../store/open-database.js';
import { cachedStatement } from '../store/statement-cache.js';
import { denied } from './denials.js';

/** A device (client row). */
export type Device = ClientRow;

/**
 * The device with this clientId (exact match), or undefined.
 *
 * @example
 * const device = findDevice(db, payload.clientId);
 */
export function findDevice(db: Database, clientId: string): Device | undefined {
  return getClientById(db, clientId);
}

/**
 * True when a device with this clientId existed and was removed (by `client remove` or with its app).
 *
 * @example
 * if (wasRemoved(db, clientId)) throw denied('device_removed');
 */
export function wasRemoved(db: Database, clientId: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM removed_clients WHERE client_id = ?').get(clientId) !== undefined;
}

/** How stale `last_seen_at` may get before a request writes it again: each write is a durable commit (fsync). */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Records a successful request in one transaction: binds the device when `publicKey` is given (only while
 * unbound; starts the access-expiry clock), locks the first IP, updates `last_seen_at`. A bound, IP-locked device
 * seen less than {@link LAST_SEEN_RESOLUTION_MS} ago needs none of that, so nothing is written. Returns the
 * device's access expiry (ms) or null.
 *
 * @example
 * const expiresAt = recordDeviceUse(db, device, { ip: '127.0.0.1', now: Date.now(), publicKey });
 */
export function recordDeviceUse(
  db: Database,
  device: Device,
  use: { readonly ip: string; readonly now: number; readonly publicKey?: Uint8Array<ArrayBuffer> },
): number | null {
  const seenRecently = device.lastSeenAt !== null && use.now - device.lastSeenAt < LAST_SEEN_RESOLUTION_MS;
  if (use.publicKey === undefined && device.publicKey !== null && device.lockedIp !== null && seenRecently) {
    return device.accessExpiresAt;
  }
  return db
    .transaction(() => {
      if (use.publicKey !== undefined && device.publicKey === null) {
        // Another request may have bound the device since it was read: then this one loses.
        if (!bindClient(db, device.clientId, use.publicKey, use.now)) throw denied('token_used');
      }
      const locked = lockClientIp(db, device.clientId, use.ip);
      if (locked === undefined) throw denied('device_removed');
      if (!device.unlockIp && locked !== use.ip) throw denied('device_ip_locked');
      touchClient(db, device.clientId, use.now);
      return getClientById(db, device.clientId)?.accessExpiresAt ?? null;
    })
    .immediate();
}
