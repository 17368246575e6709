// Where devices connect: host:port of the running (or configured) server and its public key + id.

import { loadServerKey } from '../server/server-key.js';
import { dataDirPaths, readJsonFile } from '../store/data-dir.js';
import { readSettings } from '../store/settings.js';

/** The runtime file a running `serve` writes (serve.json). */
export interface ServeRuntime {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly http: boolean;
}

/** Connection details for devices. */
export interface Connection {
  readonly hostname: string;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  readonly caCertPath: string;
}

/**
 * `host:port` for clients: IPv6 in brackets; the wildcard addresses become `localhost`.
 *
 * @example
 * formatHostname('::1', 8443); // '[::1]:8443'
 */
export function formatHostname(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return shown.includes(':') && !shown.startsWith('[') ? `[${shown}]:${port}` : `${shown}:${port}`;
}

/**
 * The running server's serve.json when its process is alive, else undefined.
 *
 * @example
 * const running = readServeRuntime(dataDir);
 */
export function readServeRuntime(dataDir: string): ServeRuntime | undefined {
  const runtime = readJsonFile<ServeRuntime>(dataDirPaths(dataDir).runtime);
  if (runtime === undefined || typeof runtime.pid !== 'number') return undefined;
  try {
    process.kill(runtime.pid, 0);
    return runtime;
  } catch {
    return undefined;
  }
}

/**
 * Connection details: `hostname` override, else the running server's host:port, else settings.json's.
 *
 * @example
 * const { hostname, serverPublicKey } = await connectionInfo(dataDir);
 */
export async function connectionInfo(dataDir: string, hostnameOverride?: string): Promise<Connection> {
  const key = await loadServerKey(dataDir);
  let hostname = hostnameOverride;
  if (hostname === undefined || hostname === '') {
    const running = readServeRuntime(dataDir);
    const settings = readSettings(dataDir);
    hostname =
      running === undefined ? formatHostname(settings.host, settings.port) : formatHostname(running.host, running.port);
  }
  return {
    hostname,
    serverPublicKey: key.publicKeyText,
    serverPublicKeyId: key.keyId,
    caCertPath: dataDirPaths(dataDir).caCert,
  };
}
