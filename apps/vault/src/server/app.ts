// The vault's hono app: the KSM API route, file transfer routes, and one onError for §4.3 plain-JSON errors.
import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { addFile } from './add-file.js';
import type { Authenticated } from './authenticate.js';
import { authenticate } from './authenticate.js';
import type { RequestScope, ServerContext } from './context.js';
import { createFolder } from './create-folder.js';
import { createSecret } from './create-secret.js';
import { deleteFolder } from './delete-folder.js';
import { deleteSecret } from './delete-secret.js';
import { protocolError, toWireError } from './errors.js';
import { FILES_PATH } from './file-urls.js';
import { handleDownload, handleUpload } from './files-http.js';
import { completeUpdate } from './finalize-update.js';
import { getFolders } from './get-folders.js';
import { getSecret } from './get-secret.js';
import { sealResponse } from './seal-response.js';
import { updateFolder } from './update-folder.js';
import { updateSecret } from './update-secret.js';
import { createUploadGate } from './upload-gate.js';

type Handler = (scope: RequestScope, auth: Authenticated) => unknown;

const ENDPOINTS: Readonly<Record<string, Handler>> = {
  get_secret: getSecret,
  get_folders: getFolders,
  update_secret: updateSecret,
  finalize_secret_update: (scope, auth) => completeUpdate(scope, auth, true),
  rollback_secret_update: (scope, auth) => completeUpdate(scope, auth, false),
  create_secret: createSecret,
  delete_secret: deleteSecret,
  create_folder: createFolder,
  update_folder: updateFolder,
  delete_folder: deleteFolder,
  add_file: addFile,
};

/** Options of `createApp`. */
export interface CreateAppOptions {
  /** Scheme of file URLs (default https; http only for a plain-HTTP loopback server). */
  readonly scheme?: 'https' | 'http';
  /** The peer address of a request (default: the socket's remote address). */
  readonly clientIp?: (c: Context) => string;
  /** Uploads allowed at once (default 4); more are refused with 503 before their body is read. */
  readonly maxConcurrentUploads?: number;
  /** Largest accepted API request body in bytes (default 16 MiB). */
  readonly maxRequestBytes?: number;
  /**
   * Receives one line per request: method, path (never the query string, which holds file capabilities),
   * status, duration, and the SDK's `clientVersion` when known. No payload, key or token is ever logged.
   */
  readonly log?: (line: string) => void;
  /**
   * Receives one line per 5xx: the request id (also sent as `x-request-id`), method, path and the cause's class
   * and code chain (e.g. `SqliteError SQLITE_FULL`), never a message or value. Default: `log`.
   */
  readonly errorLog?: (line: string) => void;
}

type Env = { Variables: { clientVersion: string; requestId: string } };

/**
 * The class and code of an error and of its causes, e.g. `VaultError ERR_X <- SqliteError SQLITE_FULL`: what an
 * operator needs to act, without any message text (messages of unexpected errors are not vetted for secrets).
 *
 * @example
 * describeCause(error); // 'SqliteError SQLITE_FULL'
 */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    const name = current instanceof Error ? current.name : typeof current;
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code) ? `${name} ${code}` : name);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' <- ');
}

function tooLarge(c: Context): Response {
  return c.json({ error: 'payload_too_large', message: 'The request body is too large' }, 413);
}

/**
 * Reduces an IPv4-mapped IPv6 address to its IPv4 form.
 *
 * @example
 * normalizeIp('::ffff:127.0.0.2'); // '127.0.0.2'
 */
export function normalizeIp(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Creates the hono app serving the KSM API (`POST /api/rest/sm/v1/:endpoint`) and file transfers.
 *
 * @example
 * const app = createApp(ctx);
 * serve({ fetch: app.fetch, port: 0 });
 */
export function createApp(ctx: ServerContext, options: CreateAppOptions = {}): Hono<Env> {
  const scheme = options.scheme ?? 'https';
  const clientIp = options.clientIp ?? ((c: Context) => normalizeIp(getConnInfo(c).remote.address));
  const app = new Hono<Env>();
  const log = options.log;
  const errorLog = options.errorLog ?? log;
  app.use(async (c, next) => {
    const requestId = randomBytes(6).toString('hex');
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
  });
  if (log !== undefined) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      const version = c.get('clientVersion');
      const ms = (performance.now() - started).toFixed(1);
      const id = c.get('requestId');
      log(`${id} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms${version === undefined ? '' : ` ${version}`}`);
    });
  }

  const uploads = createUploadGate(options.maxConcurrentUploads ?? 4);
  app.post(`${FILES_PATH}/:fileUid/upload`, (c) => handleUpload(ctx, uploads, c));
  app.get(`${FILES_PATH}/:fileUid/:kind`, (c) => handleDownload(ctx, c));

  app.post(
    '/api/rest/sm/v1/:endpoint',
    bodyLimit({ maxSize: options.maxRequestBytes ?? 16 * 1024 * 1024, onError: tooLarge }),
    async (c) => {
      const endpoint = c.req.param('endpoint');
      const handler = Object.hasOwn(ENDPOINTS, endpoint) ? ENDPOINTS[endpoint] : undefined;
      if (handler === undefined) throw protocolError('bad_request', 400, 'Unknown endpoint');
      const body = new Uint8Array(await c.req.arrayBuffer());
      const auth = await authenticate(ctx, {
        endpoint,
        header: (name) => c.req.header(name),
        body,
        ip: clientIp(c),
      });
      const clientVersion = auth.payload.clientVersion;
      if (typeof clientVersion === 'string' && /^[a-z0-9.-]{1,32}$/i.test(clientVersion))
        c.set('clientVersion', clientVersion);
      const hostHeader = c.req.header('host') ?? '';
      const host = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(hostHeader) ? hostHeader : 'localhost';
      const scope: RequestScope = {
        ctx,
        appUid: auth.device.appUid,
        clientId: auth.device.clientId,
        origin: `${scheme}://${host}`,
        accessExpiresAt: auth.accessExpiresAt,
      };
      const result = await handler(scope, auth);
      if (result === null || result === undefined) {
        return c.body(null, 200, { 'content-type': 'application/octet-stream' });
      }
      const sealed = sealResponse(auth.transmissionKey, result);
      return c.body(sealed, 200, { 'content-type': 'application/octet-stream' });
    },
  );

  app.notFound((c) => c.json({ error: 'not_found', message: 'Not found' }, 404));
  app.onError((error, c) => {
    const { status, body } = toWireError(error);
    if (status < 500) return c.json(body, status as 400);
    const requestId = c.get('requestId') ?? 'none';
    errorLog?.(`error ${requestId} ${c.req.method} ${c.req.path} ${status}: ${describeCause(error)}`);
    return c.json({ ...body, message: `${body.message} (request id ${requestId})` }, status as 500, {
      'x-request-id': requestId,
    });
  });
  return app;
}
