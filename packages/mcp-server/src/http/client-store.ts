// HTTP clients and their bearer tokens: only a SHA-256 of each token is stored (0600 file), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '@ksmkit/config';
import { McpServerError } from '../errors.js';
import type { Scope } from './scopes.js';

/** One registered MCP client (no token: only its hash). */
export interface StoredClient {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** Hex SHA-256 of the token. */
  readonly tokenHash: string;
  readonly createdAt: string;
  /** ISO time after which the token is refused; null: never. */
  readonly expiresAt: string | null;
}

/** The client a valid token belongs to. */
export type AuthenticatedClient = Omit<StoredClient, 'tokenHash'>;

const TOKEN_PREFIX = 'kmcp_';

/**
 * The default clients file: `$KSMKIT_MCP_CLIENTS`, else `$XDG_CONFIG_HOME/ksmkit/mcp-clients.json`, else `~/.config/…`.
 *
 * @example
 * defaultClientsFile(process.env)
 */
export function defaultClientsFile(env: Readonly<Record<string, string | undefined>>): string {
  if (env.KSMKIT_MCP_CLIENTS) return env.KSMKIT_MCP_CLIENTS;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'ksmkit', 'mcp-clients.json');
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Parses `7d`, `12h`, `30m`, `90s` or `never` into milliseconds (null for never).
 *
 * @example
 * parseDuration('7d') // 604800000
 */
export function parseDuration(text: string): number | null {
  if (text === 'never') return null;
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (match === null) {
    throw new McpServerError('ERR_INVALID_INPUT', 'Expected a duration such as 7d, 12h, 30m, 90s or never.');
  }
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** Reads, adds, revokes and verifies clients in one JSON file; re-read when it changes, so revocation is immediate. */
export interface ClientStore {
  list(): Promise<StoredClient[]>;
  /** Adds a client and returns its token (shown once, never stored). */
  add(
    name: string,
    scopes: readonly Scope[],
    expiresInMs: number | null,
  ): Promise<{ client: StoredClient; token: string }>;
  /** Removes clients by id or name; returns how many were removed. */
  revoke(idOrName: string): Promise<number>;
  /** The client a bearer token belongs to, or null (unknown, malformed or expired). */
  verify(token: string): Promise<AuthenticatedClient | null>;
}

/**
 * A store over `path`.
 *
 * @example
 * const { token } = await createClientStore(file).add('claude', ['read'], 7 * 86_400_000);
 */
export function createClientStore(path: string, clock: () => number = Date.now): ClientStore {
  let cache: { mtimeMs: number; size: number; clients: StoredClient[] } | null = null;

  const load = async (): Promise<StoredClient[]> => {
    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(path);
    } catch {
      return [];
    }
    if (cache !== null && cache.mtimeMs === info.mtimeMs && cache.size === info.size) return cache.clients;
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { clients?: StoredClient[] };
    const clients = Array.isArray(parsed.clients) ? parsed.clients : [];
    cache = { mtimeMs: info.mtimeMs, size: info.size, clients };
    return clients;
  };

  const save = async (clients: readonly StoredClient[]): Promise<void> => {
    await ensurePrivateDir(dirname(path));
    await writeFileAtomic(path, `${JSON.stringify({ clients }, null, 2)}\n`);
    cache = null;
  };

  return {
    list: load,
    async add(name, scopes, expiresInMs) {
      const clients = await load();
      if (clients.some((c) => c.name === name)) {
        throw new McpServerError(
          'ERR_INVALID_INPUT',
          `A client named "${name}" exists; revoke it first or pick another name.`,
        );
      }
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const now = clock();
      const client: StoredClient = {
        id: randomBytes(6).toString('hex'),
        name,
        scopes: [...scopes],
        tokenHash: hashToken(token).toString('hex'),
        createdAt: new Date(now).toISOString(),
        expiresAt: expiresInMs === null ? null : new Date(now + expiresInMs).toISOString(),
      };
      await save([...clients, client]);
      return { client, token };
    },
    async revoke(idOrName) {
      const clients = await load();
      const kept = clients.filter((c) => c.id !== idOrName && c.name !== idOrName);
      if (kept.length !== clients.length) await save(kept);
      return clients.length - kept.length;
    },
    async verify(token) {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
      const given = hashToken(token);
      let found: StoredClient | null = null;
      for (const client of await load()) {
        const stored = Buffer.from(client.tokenHash, 'hex');
        if (stored.length === given.length && timingSafeEqual(stored, given)) found = client;
      }
      if (found === null) return null;
      if (found.expiresAt !== null && Date.parse(found.expiresAt) <= clock()) return null;
      const { tokenHash: _hash, ...client } = found;
      return client;
    },
  };
}
