// The Streamable HTTP endpoint on hono: Host/Origin checks, bearer tokens, a per-client rate limit, then MCP.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { connectServer, type ServerServices } from '../create-server.js';
import type { AuthenticatedClient, ClientStore } from './client-store.js';
import { checkHostAndOrigin, type HostPolicy } from './host-check.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Scope } from './scopes.js';

/** What the HTTP app needs. */
export interface HttpAppOptions {
  readonly services: ServerServices;
  readonly store: ClientStore;
  readonly limiter: RateLimiter;
  /** Resolved once the port is known. */
  readonly policy: () => HostPolicy;
  /** Keep a session per client (needed for elicitation over HTTP); default stateless. */
  readonly sessions: boolean;
}

interface Session {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly clientId: string;
  lastSeen: number;
}

/** Sessions idle this long are closed; a client keeps at most MAX_SESSIONS_PER_CLIENT (oldest closed first). */
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS_PER_CLIENT = 16;

/** Closes idle sessions, and the oldest of `clientId` beyond the cap. */
function sweep(sessions: Map<string, Session>, clientId: string, now: number): void {
  const mine: [string, Session][] = [];
  for (const [id, session] of sessions) {
    if (now - session.lastSeen > SESSION_IDLE_MS) {
      sessions.delete(id);
      void session.transport.close();
    } else if (session.clientId === clientId) {
      mine.push([id, session]);
    }
  }
  mine.sort((a, b) => a[1].lastSeen - b[1].lastSeen);
  for (const [id, session] of mine.slice(0, Math.max(0, mine.length - MAX_SESSIONS_PER_CLIENT + 1))) {
    sessions.delete(id);
    void session.transport.close();
  }
}

const json = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/**
 * Builds the hono app serving MCP at `/mcp`.
 *
 * @example
 * serve({ fetch: createHttpApp(options).fetch, port: 8787, hostname: '127.0.0.1' });
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const { services, store, limiter } = options;
  const sessions = new Map<string, Session>();
  const app = new Hono();

  app.use('*', async (c, next) => {
    const refused = checkHostAndOrigin(c.req.raw.headers, options.policy());
    if (refused !== null) return json(403, refused);
    return next();
  });

  const authenticate = async (request: Request): Promise<AuthenticatedClient | Response> => {
    const header = request.headers.get('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const client = token === undefined ? null : await store.verify(token);
    if (client === null) {
      return json(401, 'A valid bearer token is required (ksmkit-mcp clients add NAME).', {
        'www-authenticate': 'Bearer realm="ksmkit-mcp"',
      });
    }
    const wait = limiter.take(client.id);
    if (wait > 0) return json(429, 'Too many requests for this client; slow down.', { 'retry-after': String(wait) });
    return client;
  };

  app.all('/mcp', async (c) => {
    const client = await authenticate(c.req.raw);
    if (client instanceof Response) return client;
    const scopes = new Set<Scope>(client.scopes);
    if (!options.sessions) {
      const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
      const server = await connectServer(services, transport, client.name, scopes);
      try {
        return await transport.handleRequest(c.req.raw);
      } finally {
        void server.close();
      }
    }
    const id = c.req.header('mcp-session-id');
    if (id !== undefined) {
      const session = sessions.get(id);
      if (session === undefined || session.clientId !== client.id)
        return json(404, 'Unknown session; initialize again.');
      return session.transport.handleRequest(c.req.raw);
    }
    sweep(sessions, client.id, Date.now());
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        sessions.set(sid, { transport, clientId: client.id, lastSeen: Date.now() });
      },
      onsessionclosed: (sid) => {
        sessions.delete(sid);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await connectServer(services, transport, client.name, scopes);
    return transport.handleRequest(c.req.raw);
  });

  app.all('*', () => json(404, 'Not found: the MCP endpoint is /mcp.'));
  return app;
}
