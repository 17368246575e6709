// The vault's hono app: the KSM API route, file transfer routes, and one onError for §4.3 plain-JSON errors.
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
export function createApp(
  ctx: ServerContext,
  options: CreateAppOptions = {},
): Hono<{ Variables: { clientVersion: string } }> {
  const scheme = options.scheme ?? 'https';
  const clientIp = options.clientIp ?? ((c: Context) => normalizeIp(getConnInfo(c).remote.address));
  const app = new Hono<{ Variables: { clientVersion: string } }>();
  const log = options.log;
  if (log !== undefined) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      const version = c.get('clientVersion');
      const ms = (performance.now() - started).toFixed(1);
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms${version === undefined ? '' : ` ${version}`}`);
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
    // Only the error's class and code: messages of unexpected errors are not vetted for secrets.
    if (status === 500) log?.(`internal error: ${error.name}${'code' in error ? ` ${String(error.code)}` : ''}`);
    return c.json(body, status as 400);
  });
  return app;
}
