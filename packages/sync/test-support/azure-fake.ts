// Test support: a faithful local Azure Key Vault secrets REST API over HTTPS (test CA) with the bearer-challenge flow and a
// Microsoft Entra token endpoint, driven by @azure/keyvault-secrets and @azure/identity. Faults: 429 + Retry-After, 5xx,
// soft-deleted names, foreign secrets, out-of-band edits.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestTls } from './test-tls.js';

interface Version {
  readonly id: string;
  value: string;
  contentType?: string | undefined;
  tags: Record<string, string>;
  readonly created: number;
  updated: number;
}

interface Secret {
  versions: Version[];
  deletedDate?: number | undefined;
}

/** A planned fault for the next `count` requests matching `match` (`METHOD /path`). */
export interface AzureFault {
  readonly count: number;
  readonly status: number;
  readonly retryAfter?: number;
  readonly match?: (request: string) => boolean;
}

/** A running fake Key Vault and token endpoint. */
export interface AzureFake {
  /** `https://ksmsync.vault.azure.net:PORT`: resolve every name to 127.0.0.1 with `agent`. */
  readonly vaultUrl: string;
  /** `https://login.microsoftonline.com:PORT` (same server). */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** An https.Agent trusting the test CA and sending every host name to the fake. */
  readonly agent: Agent;
  readonly log: { request: string; faulted: boolean }[];
  put(name: string, value: string, tags?: Record<string, string>): void;
  read(name: string): { value: string; tags: Record<string, string>; deleted: boolean } | undefined;
  inject(fault: AzureFault): void;
  stop(): Promise<void>;
}

const seconds = () => Math.floor(Date.now() / 1000);

function send(response: ServerResponse, status: number, payload?: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(payload === undefined ? '' : JSON.stringify(payload));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the fake on a loopback port.
 *
 * @example
 * const azure = await startAzureFake({ tenantId, clientId, clientSecret });
 * const client = new SecretClient(azure.vaultUrl, credential, { additionalPolicies: [agentPolicy(azure.agent)] });
 */
export async function startAzureFake(identity: {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}): Promise<AzureFake> {
  const tls = makeTestTls(['ksmsync.vault.azure.net', 'login.microsoftonline.com']);
  const { tenantId, clientId, clientSecret } = identity;
  const tokens = new Set<string>();
  const secrets = new Map<string, Secret>();
  const faults: (AzureFault & { left: number })[] = [];
  const log: AzureFake['log'] = [];
  let port = 0;
  const vaultBase = () => `https://ksmsync.vault.azure.net:${port}`;
  const loginBase = () => `https://login.microsoftonline.com:${port}`;

  const latest = (secret: Secret) => secret.versions[secret.versions.length - 1] as Version;
  const attributes = (version: Version, secret: Secret) => ({
    enabled: true,
    created: version.created,
    updated: version.updated,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
    ...(secret.deletedDate ? {} : {}),
  });
  const bundle = (name: string, secret: Secret, version: Version, withValue: boolean) => ({
    ...(withValue ? { value: version.value } : {}),
    id: `${vaultBase()}/secrets/${name}/${version.id}`,
    contentType: version.contentType,
    attributes: attributes(version, secret),
    tags: version.tags,
  });
  const deletedBundle = (name: string, secret: Secret) => ({
    ...bundle(name, secret, latest(secret), false),
    recoveryId: `${vaultBase()}/deletedsecrets/${name}`,
    deletedDate: secret.deletedDate,
    scheduledPurgeDate: (secret.deletedDate ?? 0) + 90 * 86400,
  });
  const notFound = (response: ServerResponse, name: string) =>
    send(response, 404, {
      error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found in this key vault.` },
    });
  const write = (name: string, value: string, contentType: string | undefined, tags: Record<string, string>) => {
    const secret = secrets.get(name) ?? { versions: [] };
    const version: Version = {
      id: randomBytes(16).toString('hex'),
      value,
      contentType,
      tags,
      created: seconds(),
      updated: seconds(),
    };
    secret.versions.push(version);
    secrets.set(name, secret);
    return { secret, version };
  };
  const page = (items: unknown[], url: URL, path: string) => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const size = Number(url.searchParams.get('maxresults') ?? '25');
    const next =
      skip + size < items.length
        ? `${vaultBase()}${path}?api-version=${url.searchParams.get('api-version')}&maxresults=${size}&$skiptoken=${skip + size}`
        : null;
    return { value: items.slice(skip, skip + size), nextLink: next };
  };

  const vaultApi = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const auth = request.headers.authorization ?? '';
    if (!tokens.has(auth.replace(/^Bearer /, ''))) {
      return send(
        response,
        401,
        { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
        {
          'www-authenticate': `Bearer authorization="${loginBase()}/${tenantId}", resource="https://vault.azure.net"`,
        },
      );
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [collection, name, versionOrAction] = parts as [string, string | undefined, string | undefined];
    const method = request.method ?? 'GET';
    const secret = name === undefined ? undefined : secrets.get(name);
    const live = secret !== undefined && secret.deletedDate === undefined;
    if (collection === 'secrets' && name === undefined && method === 'GET') {
      const items = [...secrets]
        .filter(([, s]) => s.deletedDate === undefined)
        .map(([n, s]) => {
          const { value: _value, ...item } = bundle(n, s, latest(s), false) as { value?: string };
          return { ...item, id: `${vaultBase()}/secrets/${n}` };
        });
      return send(response, 200, page(items, url, '/secrets'));
    }
    if (collection === 'deletedsecrets' && name === undefined && method === 'GET')
      return send(
        response,
        200,
        page(
          [...secrets].filter(([, s]) => s.deletedDate !== undefined).map(([n, s]) => deletedBundle(n, s)),
          url,
          '/deletedsecrets',
        ),
      );
    if (name === undefined) return send(response, 400, { error: { code: 'BadParameter', message: 'bad request' } });
    if (collection === 'secrets' && method === 'PUT') {
      if (secret?.deletedDate !== undefined)
        return send(response, 409, {
          error: {
            code: 'Conflict',
            message: `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
          },
        });
      const input = JSON.parse(await readBody(request)) as {
        value: string;
        contentType?: string;
        tags?: Record<string, string>;
      };
      const { secret: written, version } = write(name, input.value, input.contentType, input.tags ?? {});
      return send(response, 200, bundle(name, written, version, true));
    }
    if (collection === 'secrets' && method === 'GET') {
      if (!live || secret === undefined) return notFound(response, name);
      const version = versionOrAction ? secret.versions.find((v) => v.id === versionOrAction) : latest(secret);
      return version === undefined
        ? notFound(response, name)
        : send(response, 200, bundle(name, secret, version, true));
    }
    if (collection === 'secrets' && method === 'PATCH') {
      const version = live ? secret?.versions.find((v) => v.id === versionOrAction) : undefined;
      if (version === undefined || secret === undefined) return notFound(response, name);
      const input = JSON.parse(await readBody(request)) as { tags?: Record<string, string>; contentType?: string };
      if (input.tags !== undefined) version.tags = input.tags;
      if (input.contentType !== undefined) version.contentType = input.contentType;
      version.updated = seconds();
      return send(response, 200, bundle(name, secret, version, false));
    }
    if (collection === 'secrets' && method === 'DELETE') {
      if (!live || secret === undefined) return notFound(response, name);
      secret.deletedDate = seconds();
      return send(response, 200, deletedBundle(name, secret));
    }
    if (collection === 'deletedsecrets' && method === 'GET') {
      if (secret?.deletedDate === undefined)
        return send(response, 404, { error: { code: 'SecretNotFound', message: `Deleted Secret not found: ${name}` } });
      return send(response, 200, deletedBundle(name, secret));
    }
    if (collection === 'deletedsecrets' && method === 'POST' && versionOrAction === 'recover') {
      if (secret?.deletedDate === undefined)
        return send(response, 404, { error: { code: 'SecretNotFound', message: `Deleted Secret not found: ${name}` } });
      secret.deletedDate = undefined;
      return send(response, 200, bundle(name, secret, latest(secret), false));
    }
    if (collection === 'deletedsecrets' && method === 'DELETE') {
      if (secret?.deletedDate === undefined)
        return send(response, 404, { error: { code: 'SecretNotFound', message: 'not found' } });
      secrets.delete(name);
      return send(response, 204);
    }
    return send(response, 405, { error: { code: 'MethodNotAllowed', message: 'unsupported' } });
  };

  const loginApi = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      const base = `${loginBase()}/${tenantId}`;
      return send(response, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        issuer: `${base}/v2.0`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
    }
    if (url.pathname === `/${tenantId}/oauth2/v2.0/token` && request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
        return send(response, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        });
      const token = randomBytes(24).toString('base64url');
      tokens.add(token);
      return send(response, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    return send(response, 404, { error: 'not_found' });
  };

  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', `https://${host}`);
    const line = `${request.method} ${url.pathname}`;
    const isVault = host === 'ksmsync.vault.azure.net';
    const fault = isVault ? faults.find((f) => f.left > 0 && (f.match?.(line) ?? true)) : undefined;
    if (isVault) log.push({ request: line, faulted: fault !== undefined });
    if (fault !== undefined) {
      fault.left--;
      return send(
        response,
        fault.status,
        { error: { code: fault.status === 429 ? 'Throttled' : 'ServiceUnavailable', message: 'injected fault' } },
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }
    (isVault ? vaultApi(request, response, url) : loginApi(request, response, url)).catch(() =>
      send(response, 500, { error: { code: 'InternalError', message: 'fake failed' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const agent = new Agent({
    ca: tls.ca,
    keepAlive: true,
    lookup: (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  });
  return {
    vaultUrl: vaultBase(),
    authorityHost: loginBase(),
    tenantId,
    clientId,
    clientSecret,
    agent,
    log,
    put: (name, value, tags) => {
      const current = secrets.get(name);
      write(name, value, undefined, tags ?? (current === undefined ? {} : latest(current).tags));
    },
    read: (name) => {
      const secret = secrets.get(name);
      if (secret === undefined) return undefined;
      const version = latest(secret);
      return { value: version.value, tags: version.tags, deleted: secret.deletedDate !== undefined };
    },
    inject: (fault) => faults.push({ ...fault, left: fault.count }),
    stop: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
