// Admin operations on devices: mint one-time tokens (or pre-bound configs), list and remove devices.
import { existsSync, readFileSync } from 'node:fs';
import { base64Encode, createOneTimeToken, generateEcKeyPair } from '@ksmkit/core';
import { deleteClient, insertClient, listClients } from '../store/clients.js';
import { VaultError } from '../store/errors.js';
import { readSettings } from '../store/settings.js';
import { resolveApp } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** Options of `addClients` (Keeper Commander's `secrets-manager client add` flags). */
export interface AddClientInput {
  readonly app: string;
  readonly name?: string;
  readonly unlockIp?: boolean;
  /** Minutes an unused token stays valid (default settings.json `tokenExpiresInMinutes`, 60). */
  readonly firstAccessExpiresInMin?: number;
  /** Device access lifetime in minutes from first use (default: no expiry). */
  readonly accessExpireInMin?: number;
  readonly count?: number;
  /** Produce already-bound device configs instead of tokens. */
  readonly configInit?: boolean;
}

/** Where devices connect (written into configs and printed next to tokens). */
export interface ConnectionInfo {
  readonly hostname: string;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  /** The local CA certificate a pre-bound config carries as `caCertificate` (absent for plain HTTP). */
  readonly caCertPath?: string | null;
}

/** One minted device. Exactly one of `token` / `config` is set. */
export interface MintedClient {
  readonly clientId: string;
  readonly name: string;
  readonly token?: string;
  /** The device config (JSON object) for `--config-init`. */
  readonly config?: Readonly<Record<string, string>>;
  readonly tokenExpiresAt: number;
}

/** A device as `client list` shows it. */
export interface ClientSummary {
  readonly clientId: string;
  readonly name: string;
  readonly appUid: string;
  readonly status: 'unbound' | 'bound' | 'token-expired' | 'access-expired';
  readonly lockedIp: string | null;
  readonly unlockIp: boolean;
  readonly createdAt: number;
  readonly tokenExpiresAt: number;
  readonly boundAt: number | null;
  readonly accessExpiresAt: number | null;
  readonly lastSeenAt: number | null;
}

function positive(value: number | undefined, flag: string, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new VaultError('ERR_INVALID_ARGUMENT', `--${flag} must be a positive number, e.g. --${flag} 60`, { flag });
  }
  return value;
}

/**
 * Mints `count` devices for an app. Each token's `clientId` and `GCM(token, appKey)` are computed here, so the
 * server never sees the token or the app key; the token is returned once and not stored. With `configInit`
 * a device key pair is generated too and the device is stored as already bound.
 *
 * @example
 * const [device] = await addClients(session, { app: 'ci' }, connection); console.log(device.token);
 */
export async function addClients(
  session: OwnerSession,
  input: AddClientInput,
  connection: ConnectionInfo,
): Promise<MintedClient[]> {
  const app = await resolveApp(session, input.app);
  const count = positive(input.count, 'count', 1) as number;
  if (!Number.isInteger(count) || count > 1000) {
    throw new VaultError('ERR_INVALID_ARGUMENT', '--count must be a whole number from 1 to 1000', { count });
  }
  const defaultMinutes = readSettings(session.dataDir).tokenExpiresInMinutes;
  const tokenMinutes = positive(input.firstAccessExpiresInMin, 'first-access-expires-in-min', defaultMinutes) as number;
  const accessMinutes = positive(input.accessExpireInMin, 'access-expire-in-min', null);
  const now = Date.now();
  const minted: MintedClient[] = [];
  const caCertificate =
    input.configInit === true &&
    typeof connection.caCertPath === 'string' &&
    !connection.hostname.startsWith('http://') &&
    existsSync(connection.caCertPath)
      ? readFileSync(connection.caCertPath, 'utf8')
      : undefined;
  const rows: Parameters<typeof insertClient>[1][] = [];
  for (let index = 0; index < count; index += 1) {
    const name = `${input.name ?? app.title}${count > 1 ? ` ${index + 1}` : ''}`;
    const ott = await createOneTimeToken(app.key);
    const tokenExpiresAt = now + tokenMinutes * 60_000;
    const device = input.configInit === true ? await generateEcKeyPair() : undefined;
    rows.push({
      clientId: ott.clientId,
      appUid: app.uid,
      name,
      encryptedAppKey: device === undefined ? ott.encryptedAppKey : null,
      publicKey: device?.publicKey ?? null,
      unlockIp: input.unlockIp === true,
      tokenExpiresAt,
      accessExpireMinutes: accessMinutes,
      accessExpiresAt: device !== undefined && accessMinutes !== null ? now + accessMinutes * 60_000 : null,
      boundAt: device === undefined ? null : now,
      createdAt: now,
    });
    if (device === undefined) {
      minted.push({ clientId: ott.clientId, name, token: ott.token, tokenExpiresAt });
    } else {
      const config = {
        hostname: connection.hostname,
        clientId: ott.clientId,
        privateKey: base64Encode(device.privateKey),
        appKey: base64Encode(app.key),
        appOwnerPublicKey: base64Encode(session.keys.ownerPublicKey),
        serverPublicKey: connection.serverPublicKey,
        serverPublicKeyId: String(connection.serverPublicKeyId),
        // ksmkit's config key for a self-hosted server's CA: `ksm` trusts it without NODE_EXTRA_CA_CERTS.
        ...(caCertificate === undefined ? {} : { caCertificate }),
      };
      minted.push({ clientId: ott.clientId, name, config, tokenExpiresAt });
    }
  }
  write(session, () => {
    for (const row of rows) insertClient(session.db, row);
  });
  return minted;
}

function summarize(row: ReturnType<typeof listClients>[number], now: number): ClientSummary {
  const status: ClientSummary['status'] =
    row.publicKey === null
      ? row.tokenExpiresAt <= now
        ? 'token-expired'
        : 'unbound'
      : row.accessExpiresAt !== null && row.accessExpiresAt <= now
        ? 'access-expired'
        : 'bound';
  return {
    clientId: row.clientId,
    name: row.name,
    appUid: row.appUid,
    status,
    lockedIp: row.lockedIp,
    unlockIp: row.unlockIp,
    createdAt: row.createdAt,
    tokenExpiresAt: row.tokenExpiresAt,
    boundAt: row.boundAt,
    accessExpiresAt: row.accessExpiresAt,
    lastSeenAt: row.lastSeenAt,
  };
}

/**
 * Every device (of one app when given).
 *
 * @example
 * const devices = await listClientSummaries(session, { app: 'ci' });
 */
export async function listClientSummaries(
  session: OwnerSession,
  options: { readonly app?: string } = {},
): Promise<ClientSummary[]> {
  const appUid = options.app === undefined ? undefined : (await resolveApp(session, options.app)).uid;
  const now = Date.now();
  return listClients(session.db, appUid).map((row) => summarize(row, now));
}

/**
 * Removes devices by client id, unique client-id prefix (8+ characters) or name (within `app` when given).
 * The device's next request is refused.
 *
 * @example
 * await removeClients(session, { refs: ['laptop'], app: 'ci' });
 */
export async function removeClients(
  session: OwnerSession,
  input: { readonly refs: readonly string[]; readonly app?: string },
): Promise<{ clientIds: string[] }> {
  const appUid = input.app === undefined ? undefined : (await resolveApp(session, input.app)).uid;
  const all = listClients(session.db, appUid);
  const clientIds = input.refs.map((ref) => {
    const matches = all.filter(
      (client) =>
        client.clientId === ref || client.name === ref || (ref.length >= 8 && client.clientId.startsWith(ref)),
    );
    if (matches.length === 1) return (matches[0] as (typeof all)[number]).clientId;
    throw new VaultError(
      matches.length === 0 ? 'ERR_NOT_FOUND' : 'ERR_AMBIGUOUS',
      matches.length === 0
        ? `No device "${ref}"; see \`ksmkit-vault client list\``
        : `${matches.length} devices match "${ref}"; use the full client id`,
      { ref },
    );
  });
  write(session, () => {
    for (const clientId of clientIds) deleteClient(session.db, clientId);
  });
  return { clientIds };
}
