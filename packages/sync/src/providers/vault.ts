// HashiCorp Vault KV v2 over its HTTP API: tags in custom_metadata, check-and-set writes, soft deletes (undelete to restore).
import { base64Decode, base64Encode } from '@ksmkit/core';
import type { Hasher } from '../hash.js';
import { mapLimit } from '../map-limit.js';
import type { CallCounts, OwnershipTags, Provider, RemoteSecret, SecretValue } from '../provider.js';
import { parseRetryAfter, type RateLimiter, type Retryable, withRetry } from '../resilience.js';
import { canonicalJson, jsonObject } from './canonical-json.js';
import { hashEach } from './hash-each.js';
import { readTags, tagPairs } from './tags.js';

/** Options of `createVaultProvider`. */
export interface VaultProviderOptions {
  /** `VAULT_ADDR` by default. */
  readonly address?: string | undefined;
  /** `VAULT_TOKEN` by default. */
  readonly token?: string | undefined;
  readonly mount?: string | undefined;
  readonly namespace?: string | undefined;
  /** Where listing for owned secrets starts (default: the whole mount). */
  readonly prefix?: string | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly limiter?: RateLimiter | undefined;
  readonly retry?:
    | { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number }
    | undefined;
  readonly timeoutMs?: number | undefined;
}

/** An HTTP failure from Vault: status only (Vault error texts can echo paths, never values, but we keep them out anyway). */
export class VaultHttpError extends Error {
  override readonly name = 'VaultHttpError';
  readonly code: string;
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  constructor(status: number, retryAfterMs?: number) {
    super(`Vault answered HTTP ${status}`);
    this.status = status;
    this.code = status === 400 ? 'ERR_VAULT_CAS' : status === 403 ? 'ERR_VAULT_DENIED' : `ERR_VAULT_HTTP_${status}`;
    this.retryAfterMs = retryAfterMs;
  }
}

const classify = (error: unknown): Retryable | null => {
  if (error instanceof VaultHttpError)
    return error.status === 429 || error.status >= 500
      ? { reason: `HTTP ${error.status}`, retryAfterMs: error.retryAfterMs }
      : null;
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? { reason: code } : null;
};

interface Known {
  readonly version: number;
  readonly deleted: boolean;
  readonly tags: Partial<OwnershipTags> | null;
  readonly data: Record<string, unknown> | null;
}

/** Bytes of a KV data object as written by `toData`. */
function fromData(data: Record<string, unknown>): Uint8Array {
  const keys = Object.keys(data);
  if (keys.length === 1 && typeof data.value === 'string') return new TextEncoder().encode(data.value);
  if (keys.length === 1 && typeof data.value_base64 === 'string') return base64Decode(data.value_base64);
  return new TextEncoder().encode(canonicalJson(data));
}

/** A KV data object for a value: JSON objects as themselves, other text under `value`, binary under `value_base64`. */
function toData(value: SecretValue): Record<string, unknown> {
  if (value.binary) return { value_base64: base64Encode(value.bytes) };
  const text = new TextDecoder().decode(value.bytes);
  return jsonObject(text) ?? { value: text };
}

/**
 * A Provider over one Vault KV v2 mount.
 *
 * @example
 * const vault = createVaultProvider({ address: 'https://vault:8200', mount: 'secret', prefix: 'apps/' });
 */
export function createVaultProvider(options: VaultProviderOptions = {}): Provider {
  const address = (options.address ?? process.env.VAULT_ADDR ?? 'http://127.0.0.1:8200').replace(/\/$/, '');
  const token = options.token ?? process.env.VAULT_TOKEN ?? '';
  const mount = options.mount ?? 'secret';
  const doFetch = options.fetch ?? fetch;
  const calls: CallCounts = { reads: 0, writes: 0, retries: 0 };
  const known = new Map<string, Known>();
  const url = (kind: string, path: string) =>
    `${address}/v1/${mount}/${kind}/${path.split('/').map(encodeURIComponent).join('/')}`;

  const request = (kind: 'reads' | 'writes', method: string, target: string, body?: unknown) =>
    withRetry(
      async () => {
        calls[kind]++;
        const headers: Record<string, string> = { 'x-vault-token': token, 'content-type': 'application/json' };
        if (options.namespace !== undefined) headers['x-vault-namespace'] = options.namespace;
        const response = await doFetch(target, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        const text = await response.text();
        const json = text === '' ? null : (JSON.parse(text) as { data?: Record<string, unknown> });
        if (response.status === 404) return { status: 404, json };
        if (!response.ok)
          throw new VaultHttpError(response.status, parseRetryAfter(response.headers.get('retry-after')));
        return { status: response.status, json };
      },
      classify,
      { ...options.retry, limiter: options.limiter, onRetry: () => calls.retries++ },
    );

  /** GET data: the value, version and tags in one read (404 with metadata: soft-deleted). */
  const load = async (name: string): Promise<Known | null> => {
    const { status, json } = await request('reads', 'GET', url('data', name));
    const data = json?.data as
      | {
          data?: Record<string, unknown> | null;
          metadata?: { version?: number; custom_metadata?: Record<string, string> | null };
        }
      | undefined;
    if (status === 404 && data?.metadata === undefined) return null;
    const tags = readTags(data?.metadata?.custom_metadata ?? {});
    const entry: Known = {
      version: data?.metadata?.version ?? 0,
      deleted: status === 404,
      tags,
      data: status === 404 ? null : (data?.data ?? null),
    };
    known.set(name, entry);
    return entry;
  };

  const list = async (path: string): Promise<string[]> => {
    // GET ?list=true is Vault's documented equivalent of the LIST verb (which some proxies refuse)
    const target = `${path === '' ? `${address}/v1/${mount}/metadata/` : `${url('metadata', path)}/`}?list=true`;
    const { status, json } = await request('reads', 'GET', target);
    if (status === 404) return [];
    const keys = ((json?.data as { keys?: string[] } | undefined)?.keys ?? []).map(
      (key) => `${path === '' ? '' : `${path}/`}${key}`,
    );
    const nested = await Promise.all(keys.filter((k) => k.endsWith('/')).map((k) => list(k.slice(0, -1))));
    return [...keys.filter((k) => !k.endsWith('/')), ...nested.flat()];
  };

  const writeTags = (name: string, tags: OwnershipTags) =>
    request('writes', 'POST', url('metadata', name), { custom_metadata: tagPairs(tags) });
  const writeData = async (name: string, value: SecretValue, cas: number) => {
    const { json } = await request('writes', 'POST', url('data', name), { options: { cas }, data: toData(value) });
    const version = (json?.data as { version?: number } | undefined)?.version ?? cas + 1;
    known.set(name, { version, deleted: false, tags: known.get(name)?.tags ?? null, data: toData(value) });
  };

  return {
    kind: 'vault',
    calls,
    async listOwned(owner) {
      const names = await list((options.prefix ?? '').replace(/\/$/, ''));
      const loaded = await mapLimit(names, 8, (name) => load(name));
      return names.flatMap((name, i): RemoteSecret[] => {
        const entry = loaded[i];
        return entry !== null && entry !== undefined && entry.tags?.owner === owner
          ? [{ name, tags: entry.tags, softDeleted: entry.deleted }]
          : [];
      });
    },
    async describe(name) {
      const entry = known.get(name) ?? (await load(name));
      return entry === null ? null : { name, tags: entry.tags, softDeleted: entry.deleted };
    },
    readHashes(names, hash: Hasher) {
      return hashEach(names, hash, async (name) => {
        const entry = known.get(name) ?? (await load(name));
        return entry?.data === null || entry?.data === undefined ? undefined : fromData(entry.data);
      });
    },
    async create(name, value, tags, { restore }) {
      const current = known.get(name)?.version ?? 0;
      if (restore) await request('writes', 'POST', url('undelete', name), { versions: [current] });
      await writeTags(name, tags);
      await writeData(name, value, current);
    },
    async update(name, value, tags) {
      await writeData(name, value, known.get(name)?.version ?? 0);
      await writeTags(name, tags);
    },
    async retag(name, tags) {
      await writeTags(name, tags);
    },
    async delete(name) {
      await request('writes', 'DELETE', url('data', name));
    },
    async flush() {},
    stored(value) {
      if (value.binary) return value;
      const object = jsonObject(new TextDecoder().decode(value.bytes));
      return object === null ? value : { bytes: new TextEncoder().encode(canonicalJson(object)), binary: false };
    },
  };
}
