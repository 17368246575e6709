// Queries of the `clients` table: devices of an app, from one-time token to bound public key.
import { blobOrNull } from './bytes.js';
import type { Database } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/** One device (client). Times are epoch milliseconds. */
export interface ClientRow {
  /** std b64 HMAC-SHA512(token, tag). */
  readonly clientId: string;
  readonly appUid: string;
  readonly name: string;
  /** GCM(tokenBytes, appKey); returned once at binding. */
  readonly encryptedAppKey: Uint8Array<ArrayBuffer> | null;
  /** 65-byte device public key once bound, else null. */
  readonly publicKey: Uint8Array<ArrayBuffer> | null;
  /** IP address the device is locked to (set on first use unless `unlockIp`). */
  readonly lockedIp: string | null;
  readonly unlockIp: boolean;
  /** The token is refused for binding after this time. */
  readonly tokenExpiresAt: number;
  /** Device access lifetime counted from binding, or null for no expiry. */
  readonly accessExpireMinutes: number | null;
  /** Set at binding from `accessExpireMinutes` (or directly by the admin path). */
  readonly accessExpiresAt: number | null;
  readonly createdAt: number;
  readonly boundAt: number | null;
  readonly lastSeenAt: number | null;
}

/** Inputs of `insertClient`. */
export type NewClientRow = Omit<ClientRow, 'lockedIp' | 'boundAt' | 'lastSeenAt' | 'accessExpiresAt'> & {
  readonly lockedIp?: string | null;
  readonly boundAt?: number | null;
  readonly accessExpiresAt?: number | null;
};

interface ClientSqlRow {
  client_id: string;
  app_uid: string;
  name: string;
  encrypted_app_key: Uint8Array | null;
  public_key: Uint8Array | null;
  locked_ip: string | null;
  unlock_ip: number;
  token_expires_at: number;
  access_expire_minutes: number | null;
  access_expires_at: number | null;
  created_at: number;
  bound_at: number | null;
  last_seen_at: number | null;
}

function toClient(row: ClientSqlRow): ClientRow {
  return {
    clientId: row.client_id,
    appUid: row.app_uid,
    name: row.name,
    encryptedAppKey: blobOrNull(row.encrypted_app_key),
    publicKey: blobOrNull(row.public_key),
    lockedIp: row.locked_ip,
    unlockIp: row.unlock_ip === 1,
    tokenExpiresAt: row.token_expires_at,
    accessExpireMinutes: row.access_expire_minutes,
    accessExpiresAt: row.access_expires_at,
    createdAt: row.created_at,
    boundAt: row.bound_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * Inserts a client: an unbound token (`publicKey` null) or, for `--config-init`, an already bound device.
 *
 * @example
 * insertClient(db, { clientId, appUid, name: 'ci', encryptedAppKey, publicKey: null, unlockIp: false, tokenExpiresAt, accessExpireMinutes: null, createdAt: Date.now() });
 */
export function insertClient(db: Database, client: NewClientRow): void {
  db.prepare(
    `INSERT INTO clients (client_id, app_uid, name, encrypted_app_key, public_key, locked_ip, unlock_ip, token_expires_at,
       access_expire_minutes, access_expires_at, created_at, bound_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  ).run(
    client.clientId,
    client.appUid,
    client.name,
    client.encryptedAppKey,
    client.publicKey,
    client.lockedIp ?? null,
    client.unlockIp ? 1 : 0,
    client.tokenExpiresAt,
    client.accessExpireMinutes,
    client.accessExpiresAt ?? null,
    client.createdAt,
    client.boundAt ?? null,
  );
}

/**
 * The client with this exact `clientId`, or undefined.
 *
 * @example
 * const client = getClientById(db, payload.clientId);
 */
export function getClientById(db: Database, clientId: string): ClientRow | undefined {
  const row = cachedStatement(db, 'SELECT * FROM clients WHERE client_id = ?').get(clientId) as
    | ClientSqlRow
    | undefined;
  return row === undefined ? undefined : toClient(row);
}

/**
 * Binds an unbound client to its device public key: sets `public_key`, `bound_at` and, when the client has
 * an access lifetime, `access_expires_at = now + minutes`. Only succeeds while `public_key` is NULL (atomic:
 * two racing binds cannot both win). `encrypted_app_key` is kept so that the same key may bind again
 * idempotently; call `clearEncryptedAppKey` to drop it.
 *
 * @example
 * if (!bindClient(db, clientId, publicKey)) throw accessDenied();
 */
export function bindClient(db: Database, clientId: string, publicKey: Uint8Array, now: number = Date.now()): boolean {
  return (
    db
      .prepare(
        `UPDATE clients SET public_key = ?, bound_at = ?, last_seen_at = ?,
           access_expires_at = CASE WHEN access_expire_minutes IS NULL THEN access_expires_at
                                    ELSE ? + access_expire_minutes * 60000 END
         WHERE client_id = ? AND public_key IS NULL`,
      )
      .run(publicKey, now, now, now, clientId).changes > 0
  );
}

/**
 * Forgets the token-wrapped app key of a bound client.
 *
 * @example
 * clearEncryptedAppKey(db, clientId);
 */
export function clearEncryptedAppKey(db: Database, clientId: string): void {
  db.prepare('UPDATE clients SET encrypted_app_key = NULL WHERE client_id = ?').run(clientId);
}

/**
 * Locks a client to `ip` if it is not locked yet; returns the IP it is locked to afterwards (or undefined
 * when the client is gone).
 *
 * @example
 * if (!client.unlockIp && lockClientIp(db, clientId, ip) !== ip) throw ipLocked();
 */
export function lockClientIp(db: Database, clientId: string, ip: string): string | undefined {
  cachedStatement(db, 'UPDATE clients SET locked_ip = ? WHERE client_id = ? AND locked_ip IS NULL').run(ip, clientId);
  const row = cachedStatement(db, 'SELECT locked_ip FROM clients WHERE client_id = ?').get(clientId) as
    | { locked_ip: string | null }
    | undefined;
  return row === undefined ? undefined : (row.locked_ip ?? undefined);
}

/**
 * Records that a client was just seen.
 *
 * @example
 * touchClient(db, clientId);
 */
export function touchClient(db: Database, clientId: string, now: number = Date.now()): void {
  cachedStatement(db, 'UPDATE clients SET last_seen_at = ? WHERE client_id = ?').run(now, clientId);
}

/**
 * Removes a client; its next request is refused. True when it existed.
 *
 * @example
 * deleteClient(db, clientId);
 */
export function deleteClient(db: Database, clientId: string): boolean {
  return db.prepare('DELETE FROM clients WHERE client_id = ?').run(clientId).changes > 0;
}

/**
 * Every client (of one app when `appUid` is given), oldest first.
 *
 * @example
 * const devices = listClients(db, appUid);
 */
export function listClients(db: Database, appUid?: string): ClientRow[] {
  const rows =
    appUid === undefined
      ? db.prepare('SELECT * FROM clients ORDER BY created_at, rowid').all()
      : db.prepare('SELECT * FROM clients WHERE app_uid = ? ORDER BY created_at, rowid').all(appUid);
  return (rows as ClientSqlRow[]).map(toClient);
}

/**
 * Overwrites expiry times (admin maintenance and tests: expire a token or a device now).
 *
 * @example
 * setClientExpiry(db, clientId, { tokenExpiresAt: Date.now() - 1 });
 */
export function setClientExpiry(
  db: Database,
  clientId: string,
  times: { readonly tokenExpiresAt?: number; readonly accessExpiresAt?: number | null },
): boolean {
  const client = getClientById(db, clientId);
  if (client === undefined) return false;
  db.prepare('UPDATE clients SET token_expires_at = ?, access_expires_at = ? WHERE client_id = ?').run(
    times.tokenExpiresAt ?? client.tokenExpiresAt,
    times.accessExpiresAt === undefined ? client.accessExpiresAt : times.accessExpiresAt,
    clientId,
  );
  return true;
}
