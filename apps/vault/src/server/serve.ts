// Starts the vault's HTTPS server (or plain HTTP on loopback only) on a data directory; stops it on close().
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { base64Decode, importEcdhPrivateKey } from '@ksmkit/core';
import { dataDirPaths, readJsonFile } from '../store/data-dir.js';
import { lockDataDir } from '../store/dir-lock.js';
import { VaultError } from '../store/errors.js';
import { type Database, openDatabase } from '../store/open-database.js';
import { readSettings } from '../store/settings.js';
import { asStartupError } from '../store/startup-error.js';
import { createApp } from './app.js';
import type { ServerContext } from './context.js';
import { deriveUrlSigningKey } from './file-urls.js';
import { createReplayCache } from './replay-cache.js';
import { loadServerKey } from './server-key.js';
import { createThrottle, type ThrottleLimits } from './throttle.js';
import { ensureCertificateCovers, isLoopbackHost, loadTls } from './tls.js';

/** Options of `startServer`. */
export interface StartServerOptions {
  readonly dataDir: string;
  /** Listen address (default settings.json host, else 127.0.0.1). */
  readonly host?: string;
  /** Port (default settings.json port, else 8443; 0 = any free port). */
  readonly port?: number;
  /** Plain HTTP (only on a loopback host). */
  readonly http?: boolean;
  /** Throttle limits (default settings.json `throttle`, else 100 per 10 s). */
  readonly throttle?: ThrottleLimits;
  /** Lifetime of file URLs and upload credentials in seconds (default 3600). */
  readonly fileUrlTtlSeconds?: number;
  /** Largest accepted file upload in bytes (default 100 MiB). */
  readonly maxUploadBytes?: number;
  /** Request log sink (one line per request, no secrets); default: no logging. */
  readonly log?: (line: string) => void;
  /** Sink of one line per 5xx (request id and cause, no secrets); default: `log`. */
  readonly errorLog?: (line: string) => void;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `https://127.0.0.1:8443`. */
  readonly url: string;
  /** `host:port`, what clients use as `hostname`. */
  readonly hostname: string;
  readonly port: number;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}

function ownerPublicKey(dataDir: string): Uint8Array<ArrayBuffer> {
  const path = dataDirPaths(dataDir).settings;
  // `init` copies the owner's PUBLIC key into settings.json; the server never opens owner-keys.json.
  const text = readJsonFile<{ ownerPublicKey?: unknown }>(path)?.ownerPublicKey;
  if (typeof text !== 'string') {
    throw new VaultError('ERR_NOT_INITIALIZED', `No ownerPublicKey in ${path}; run \`ksmkit-vault init\` first`, {
      path,
    });
  }
  return base64Decode(text);
}

/**
 * Starts the KSM server on `dataDir`. HTTPS with the data dir's certificate unless `http` is set, which is
 * refused for a non-loopback host.
 *
 * @example
 * const server = await startServer({ dataDir, port: 0 });
 * console.log(server.hostname); // '127.0.0.1:43121'
 * await server.close();
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const settings = readSettings(options.dataDir);
  const host = options.host ?? settings.host ?? '127.0.0.1';
  const port = options.port ?? settings.port ?? 8443;
  const http = options.http ?? false;
  if (http && !isLoopbackHost(host)) {
    throw new VaultError(
      'ERR_INVALID_ARGUMENT',
      `Plain HTTP is only allowed on a loopback address, not ${host}; drop --http`,
      {
        host,
      },
    );
  }
  let lock: ReturnType<typeof lockDataDir>;
  try {
    lock = lockDataDir(options.dataDir);
  } catch (error) {
    throw asStartupError(error, options.dataDir);
  }
  let db: Database;
  let serverKey: Awaited<ReturnType<typeof loadServerKey>>;
  let ownerKey: Uint8Array<ArrayBuffer>;
  let tls: ReturnType<typeof loadTls> | undefined;
  try {
    serverKey = await loadServerKey(options.dataDir);
    ownerKey = ownerPublicKey(options.dataDir);
    if (!http) await ensureCertificateCovers(options.dataDir, host);
    tls = http ? undefined : loadTls(options.dataDir);
    db = openDatabase(dataDirPaths(options.dataDir).database);
  } catch (error) {
    lock.release();
    throw asStartupError(error, options.dataDir);
  }
  const ctx: ServerContext = {
    db,
    serverPrivateKey: await importEcdhPrivateKey(serverKey.privateKey),
    ownerPublicKey: ownerKey,
    urlSigningKey: deriveUrlSigningKey(serverKey.privateKey),
    throttle: createThrottle(options.throttle ?? settings.throttle),
    replay: createReplayCache({ path: dataDirPaths(options.dataDir).replayCache }),
    now: () => Date.now(),
    fileUrlTtlSeconds: options.fileUrlTtlSeconds ?? 3600,
    maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
  };
  const app = createApp(ctx, {
    scheme: http ? 'http' : 'https',
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.errorLog === undefined ? {} : { errorLog: options.errorLog }),
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: app.fetch,
          hostname: host,
          port,
          ...(tls === undefined
            ? {}
            : { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } }),
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
  } catch (error) {
    db.close();
    ctx.replay.close();
    lock.release();
    throw new VaultError(
      'ERR_SERVER_START',
      `Cannot listen on ${host}:${port}: ${(error as Error).message}`,
      {
        host,
        port,
      },
      { cause: error },
    );
  }
  const bound = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const hostname = `${hostPart}:${bound}`;
  let closed: Promise<void> | undefined;
  return {
    url: `${http ? 'http' : 'https'}://${hostname}`,
    hostname,
    port: bound,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          ctx.replay.close();
          lock.release();
          resolve();
        });
        const closable = server as { closeAllConnections?: () => void };
        closable.closeAllConnections?.();
      });
      return closed;
    },
  };
}
