// Test support: a faithful local HashiCorp Vault KV v2 HTTP API (data, metadata, LIST, delete/undelete, check-and-set,
// custom_metadata, X-Vault-Token), with fault injection: 429 with Retry-After, 5xx, soft-deleted and foreign secrets, out-of-band edits.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Version {
  data: Record<string, unknown>;
  created_time: string;
  deletion_time: string;
  destroyed: boolean;
}

interface Entry {
  versions: Version[];
  custom_metadata: Record<string, string> | null;
}

/** A planned fault for the next `count` requests matching `match` (`METHOD /v1/...`). */
export interface VaultFault {
  readonly count: number;
  readonly status: number;
  readonly retryAfter?: number;
  readonly match?: (request: string) => boolean;
}

/** A running fake Vault. */
export interface VaultFake {
  readonly address: string;
  readonly token: string;
  /** Requests seen (`METHOD path`), faulted ones included. */
  readonly log: { request: string; faulted: boolean }[];
  /** Writes a version directly (an out-of-band edit or a foreign secret); `custom` replaces custom_metadata when given. */
  put(path: string, data: Record<string, unknown>, custom?: Record<string, string> | null): void;
  /** The latest live version's data, or undefined. */
  read(path: string): Record<string, unknown> | undefined;
  customMetadata(path: string): Record<string, string> | null | undefined;
  /** Soft-deletes the latest version (as `vault kv delete` does). */
  softDelete(path: string): void;
  inject(fault: VaultFault): void;
  stop(): Promise<void>;
}

const now = () => new Date().toISOString();
const latest = (entry: Entry) => entry.versions[entry.versions.length - 1];

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function send(response: ServerResponse, status: number, payload?: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(payload === undefined ? '' : JSON.stringify(payload));
}

/**
 * Starts the fake on a loopback port with one KV v2 mount (`secret` by default).
 *
 * @example
 * const vault = await startVaultFake();
 * vault.inject({ count: 2, status: 429, retryAfter: 1 });
 */
export async function startVaultFake(
  options: { readonly mount?: string; readonly token?: string } = {},
): Promise<VaultFake> {
  const mount = options.mount ?? 'secret';
  const token = options.token ?? 'test-vault-token';
  const store = new Map<string, Entry>();
  const faults: (VaultFault & { left: number })[] = [];
  const log: VaultFake['log'] = [];

  const metadataOf = (entry: Entry) => {
    const versions = Object.fromEntries(
      entry.versions.map((v, i) => [
        String(i + 1),
        { created_time: v.created_time, deletion_time: v.deletion_time, destroyed: v.destroyed },
      ]),
    );
    return {
      current_version: entry.versions.length,
      oldest_version: entry.versions.length > 0 ? 1 : 0,
      custom_metadata: entry.custom_metadata,
      versions,
      cas_required: false,
      max_versions: 0,
    };
  };
  const writeVersion = (path: string, data: Record<string, unknown>) => {
    const entry = store.get(path) ?? { versions: [], custom_metadata: null };
    entry.versions.push({ data, created_time: now(), deletion_time: '', destroyed: false });
    store.set(path, entry);
    return entry;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://vault');
    const method =
      request.method === 'GET' && url.searchParams.get('list') === 'true' ? 'LIST' : (request.method ?? 'GET');
    const line = `${method} ${url.pathname}`;
    const fault = faults.find((f) => f.left > 0 && (f.match?.(line) ?? true));
    log.push({ request: line, faulted: fault !== undefined });
    if (fault !== undefined) {
      fault.left--;
      return send(
        response,
        fault.status,
        { errors: [fault.status === 429 ? 'rate limit quota exceeded' : 'internal error'] },
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }
    if (request.headers['x-vault-token'] !== token) return send(response, 403, { errors: ['permission denied'] });
    const match = url.pathname.match(new RegExp(`^/v1/${mount}/(data|metadata|delete|undelete)/(.*)$`));
    if (match === null) return send(response, 404, { errors: [] });
    const [, kind, rawPath] = match as unknown as [string, string, string];
    const path = decodeURIComponent(rawPath).replace(/\/$/, '');
    const entry = store.get(path);
    if (kind === 'metadata' && method === 'LIST') {
      const prefix = path === '' ? '' : `${path}/`;
      const keys = new Set<string>();
      for (const name of store.keys())
        if (name.startsWith(prefix)) keys.add(name.slice(prefix.length).replace(/\/.*$/, '/'));
      return keys.size === 0
        ? send(response, 404, { errors: [] })
        : send(response, 200, { data: { keys: [...keys].sort() } });
    }
    if (kind === 'data' && method === 'GET') {
      const version = entry === undefined ? undefined : latest(entry);
      if (entry === undefined || version === undefined) return send(response, 404, { errors: [] });
      const metadata = {
        created_time: version.created_time,
        custom_metadata: entry.custom_metadata,
        deletion_time: version.deletion_time,
        destroyed: version.destroyed,
        version: entry.versions.length,
      };
      if (version.deletion_time !== '' || version.destroyed)
        return send(response, 404, { data: { data: null, metadata } });
      return send(response, 200, { data: { data: version.data, metadata } });
    }
    if (kind === 'data' && (method === 'POST' || method === 'PUT')) {
      const input = await body(request);
      const cas = (input.options as { cas?: number } | undefined)?.cas;
      const current = entry?.versions.length ?? 0;
      if (cas !== undefined && cas !== current)
        return send(response, 400, { errors: ['check-and-set parameter did not match the current version'] });
      const written = writeVersion(path, (input.data ?? {}) as Record<string, unknown>);
      return send(response, 200, {
        data: {
          created_time: now(),
          custom_metadata: written.custom_metadata,
          deletion_time: '',
          destroyed: false,
          version: written.versions.length,
        },
      });
    }
    if (kind === 'metadata' && method === 'GET')
      return entry === undefined
        ? send(response, 404, { errors: [] })
        : send(response, 200, { data: metadataOf(entry) });
    if (kind === 'metadata' && (method === 'POST' || method === 'PUT')) {
      const input = await body(request);
      const next = entry ?? { versions: [], custom_metadata: null };
      if (input.custom_metadata !== undefined) next.custom_metadata = input.custom_metadata as Record<string, string>;
      store.set(path, next);
      return send(response, 204);
    }
    if (kind === 'data' && method === 'DELETE') {
      const version = entry === undefined ? undefined : latest(entry);
      if (version !== undefined) version.deletion_time = now();
      return send(response, 204);
    }
    if (kind === 'undelete' && method === 'POST') {
      const { versions } = (await body(request)) as { versions?: number[] };
      for (const n of versions ?? []) {
        const version = entry?.versions[n - 1];
        if (version !== undefined && !version.destroyed) version.deletion_time = '';
      }
      return send(response, 204);
    }
    if (kind === 'metadata' && method === 'DELETE') {
      store.delete(path);
      return send(response, 204);
    }
    return send(response, 405, { errors: ['unsupported operation'] });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, { errors: ['fake vault failed'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    token,
    log,
    put(path, data, custom) {
      const entry = writeVersion(path, data);
      if (custom !== undefined) entry.custom_metadata = custom;
    },
    read(path) {
      const entry = store.get(path);
      const version = entry === undefined ? undefined : latest(entry);
      return version === undefined || version.deletion_time !== '' ? undefined : version.data;
    },
    customMetadata: (path) => store.get(path)?.custom_metadata,
    softDelete(path) {
      const entry = store.get(path);
      const version = entry === undefined ? undefined : latest(entry);
      if (version !== undefined) version.deletion_time = now();
    },
    inject: (fault) => faults.push({ ...fault, left: fault.count }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
