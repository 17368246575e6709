// Test support: a faithful local GCP Secret Manager v1 REST API (the official client's REST fallback speaks it): secrets,
// annotations, versions (add, access, disable, enable), paging, bearer tokens; faults: 429 + Retry-After, 5xx, disabled
// versions, foreign secrets, out-of-band edits.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Version {
  readonly data: string;
  state: 'ENABLED' | 'DISABLED' | 'DESTROYED';
  readonly createTime: string;
}

interface Secret {
  annotations: Record<string, string>;
  readonly createTime: string;
  versions: Version[];
}

/** A planned fault for the next `count` requests matching `match` (`METHOD /path`). */
export interface GcpFault {
  readonly count: number;
  readonly status: number;
  readonly retryAfter?: number;
  readonly match?: (request: string) => boolean;
}

/** A running fake. */
export interface GcpFake {
  readonly host: string;
  readonly port: number;
  readonly project: string;
  readonly token: string;
  readonly log: { request: string; faulted: boolean }[];
  /** Adds a version (an out-of-band edit; creates a foreign secret without annotations when missing). */
  put(id: string, value: string): void;
  /** The latest enabled version's text, or undefined. */
  read(id: string): string | undefined;
  /** The latest version's state. */
  latestState(id: string): Version['state'] | undefined;
  /** Every version's state, oldest first. */
  states(id: string): Version['state'][];
  inject(fault: GcpFault): void;
  stop(): Promise<void>;
}

const STATUS: Readonly<Record<number, string>> = {
  400: 'FAILED_PRECONDITION',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function send(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(payload));
}
const fail = (response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  send(response, status, { error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN' } }, headers);

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Starts the fake on a loopback port (plain HTTP: the client's REST fallback takes `protocol: 'http'`).
 *
 * @example
 * const gcp = await startGcpFake();
 * new SecretManagerServiceClient({ fallback: true, apiEndpoint: gcp.host, port: gcp.port, protocol: 'http', authClient });
 */
export async function startGcpFake(
  options: { readonly project?: string; readonly token?: string } = {},
): Promise<GcpFake> {
  const project = options.project ?? 'ksm-sync-test';
  const token = options.token ?? 'gcp-test-access-token';
  const secrets = new Map<string, Secret>();
  const faults: (GcpFault & { left: number })[] = [];
  const log: GcpFake['log'] = [];
  const now = () => new Date().toISOString();
  const prefix = `/v1/projects/${project}/secrets`;
  const secretJson = (id: string, s: Secret) => ({
    name: `projects/${project}/secrets/${id}`,
    createTime: s.createTime,
    annotations: s.annotations,
    replication: { automatic: {} },
    labels: {},
  });
  const versionJson = (id: string, n: number, v: Version) => ({
    name: `projects/${project}/secrets/${id}/versions/${n}`,
    createTime: v.createTime,
    state: v.state,
  });
  const addVersion = (id: string, data: string) => {
    const secret = secrets.get(id) ?? { annotations: {}, createTime: now(), versions: [] };
    secret.versions.push({ data, state: 'ENABLED', createTime: now() });
    secrets.set(id, secret);
    return secret.versions.length;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://gcp');
    const method = request.method ?? 'GET';
    const line = `${method} ${decodeURIComponent(url.pathname)}`;
    const fault = faults.find((f) => f.left > 0 && (f.match?.(line) ?? true));
    log.push({ request: line, faulted: fault !== undefined });
    if (fault !== undefined) {
      fault.left--;
      return fail(
        response,
        fault.status,
        'injected fault',
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }
    if (request.headers.authorization !== `Bearer ${token}`)
      return fail(response, 401, 'Request had invalid authentication credentials.');
    const path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) return fail(response, 404, 'unknown project or path');
    const rest = path.slice(prefix.length);
    if (rest === '' && method === 'GET') {
      const ids = [...secrets.keys()].sort();
      const start = Number(url.searchParams.get('pageToken') || '0');
      const size = Number(url.searchParams.get('pageSize') || '25');
      const page = ids.slice(start, start + size).map((id) => secretJson(id, secrets.get(id) as Secret));
      return send(response, 200, {
        secrets: page,
        nextPageToken: start + size < ids.length ? String(start + size) : '',
        totalSize: ids.length,
      });
    }
    if (rest === '' && method === 'POST') {
      const id = url.searchParams.get('secretId') ?? '';
      if (secrets.has(id)) return fail(response, 409, `Secret [projects/${project}/secrets/${id}] already exists.`);
      const body = await readJson(request);
      const secret: Secret = {
        annotations: (body.annotations as Record<string, string>) ?? {},
        createTime: now(),
        versions: [],
      };
      secrets.set(id, secret);
      return send(response, 200, secretJson(id, secret));
    }
    const listing = rest.match(/^\/([^/:]+)\/versions$/);
    if (listing !== null && method === 'GET') {
      const id = listing[1] as string;
      const secret = secrets.get(id);
      if (secret === undefined) return fail(response, 404, `Secret [projects/${project}/secrets/${id}] not found.`);
      const wanted = (url.searchParams.get('filter') ?? '').match(/state:(\w+)/)?.[1];
      const all = secret.versions
        .map((v, i) => versionJson(id, i + 1, v))
        .filter((v) => wanted === undefined || v.state === wanted);
      return send(response, 200, { versions: all.reverse(), nextPageToken: '', totalSize: all.length });
    }
    const match = rest.match(
      /^\/([^/:]+)(?::(addVersion))?(?:\/versions\/([^/:]+)(?::(access|disable|enable|destroy))?)?$/,
    );
    if (match === null) return fail(response, 404, 'not found');
    const [, id, addVersionAction, versionRef, versionAction] = match as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
      string | undefined,
    ];
    const secret = secrets.get(id);
    if (secret === undefined)
      return fail(response, 404, `Secret [projects/${project}/secrets/${id}] not found or has no versions.`);
    if (addVersionAction !== undefined && method === 'POST') {
      const body = await readJson(request);
      const n = addVersion(id, ((body.payload as { data?: string } | undefined)?.data ?? '') as string);
      return send(response, 200, versionJson(id, n, secret.versions[n - 1] as Version));
    }
    if (versionRef === undefined) {
      if (method === 'GET') return send(response, 200, secretJson(id, secret));
      if (method === 'PATCH') {
        const body = await readJson(request);
        if ((url.searchParams.get('updateMask') ?? '').split(',').includes('annotations'))
          secret.annotations = (body.annotations as Record<string, string>) ?? {};
        return send(response, 200, secretJson(id, secret));
      }
      if (method === 'DELETE') {
        secrets.delete(id);
        return send(response, 200, {});
      }
      return fail(response, 400, 'unsupported');
    }
    const n = versionRef === 'latest' ? secret.versions.length : Number(versionRef);
    const version = secret.versions[n - 1];
    if (version === undefined)
      return fail(
        response,
        404,
        `Secret Version [projects/${project}/secrets/${id}/versions/${versionRef}] not found.`,
      );
    if (versionAction === 'access') {
      if (version.state !== 'ENABLED')
        return fail(
          response,
          400,
          `Secret Version [projects/${project}/secrets/${id}/versions/${n}] is in ${version.state} state.`,
        );
      return send(response, 200, {
        name: `projects/${project}/secrets/${id}/versions/${n}`,
        payload: { data: version.data },
      });
    }
    if (versionAction !== undefined && method === 'POST') {
      version.state = versionAction === 'disable' ? 'DISABLED' : versionAction === 'enable' ? 'ENABLED' : 'DESTROYED';
      return send(response, 200, versionJson(id, n, version));
    }
    return send(response, 200, versionJson(id, n, version));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => fail(response, 500, 'fake failed'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    project,
    token,
    log,
    put: (id, value) => void addVersion(id, Buffer.from(value).toString('base64')),
    read(id) {
      const latest = secrets.get(id)?.versions.at(-1);
      return latest === undefined || latest.state !== 'ENABLED'
        ? undefined
        : Buffer.from(latest.data, 'base64').toString('utf8');
    },
    latestState: (id) => secrets.get(id)?.versions.at(-1)?.state,
    states: (id) => (secrets.get(id)?.versions ?? []).map((v) => v.state),
    inject: (fault) => faults.push({ ...fault, left: fault.count }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
