// `ksmkit-vault serve`: run the KSM server on the data directory until SIGINT/SIGTERM; writes serve.json.
import { rmSync } from 'node:fs';
import { defineCommand } from 'citty';
import { type RunningServer, startServer } from '../server/serve.js';
import { loadServerKey } from '../server/server-key.js';
import { certificateExpiry } from '../server/tls.js';
import { dataDirPaths, writeJsonAtomic } from '../store/data-dir.js';
import { readSettings } from '../store/settings.js';
import { COMMON_ARGS, dataDirOf, numberFlag } from './common.js';

/** What `serve` prints once it listens (one line; JSON with `--json`). */
export interface ServeReady {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly hostname: string;
  readonly caCertPath: string | null;
  readonly serverPublicKey: string;
  readonly serverPublicKeyId: number;
  readonly pid: number;
}

/**
 * Starts the server, writes serve.json (so `client add` knows the live port) and returns what to print.
 *
 * @example
 * const { server, ready } = await startAndDescribe(dataDir, { port: 0 });
 */
export async function startAndDescribe(
  dataDir: string,
  options: { host?: string; port?: number; http?: boolean; throttle?: { requests: number; windowSeconds: number } },
): Promise<{ server: RunningServer; ready: ServeReady; stop: () => Promise<void> }> {
  const settings = readSettings(dataDir);
  const host = options.host ?? settings.host;
  const key = await loadServerKey(dataDir);
  const server = await startServer({
    dataDir,
    host,
    ...(options.port === undefined ? {} : { port: options.port }),
    http: options.http === true,
    ...(options.throttle === undefined ? {} : { throttle: options.throttle }),
    errorLog: (line) => process.stderr.write(`ksmkit-vault: ${line}\n`),
  });
  const paths = dataDirPaths(dataDir);
  if (options.http !== true) {
    const days = Math.floor((certificateExpiry(dataDir).getTime() - Date.now()) / 86_400_000);
    if (days < 30) {
      process.stderr.write(
        `ksmkit-vault: warning: the TLS certificate expires in ${days} day(s); run \`ksmkit-vault tls rotate\`\n`,
      );
    }
  }
  const ready: ServeReady = {
    url: server.url,
    host,
    port: server.port,
    hostname: server.hostname,
    caCertPath: options.http === true ? null : paths.caCert,
    serverPublicKey: key.publicKeyText,
    serverPublicKeyId: key.keyId,
    pid: process.pid,
  };
  writeJsonAtomic(paths.runtime, {
    pid: process.pid,
    host,
    port: server.port,
    url: server.url,
    http: options.http === true,
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.close().finally(() => rmSync(paths.runtime, { force: true }));
    return stopped;
  };
  return { server, ready, stop };
}

/** The `serve` command. */
export const serveCommand = defineCommand({
  meta: { name: 'serve', description: 'Run the KSM-compatible server (HTTPS) on the data directory' },
  args: {
    ...COMMON_ARGS,
    host: { type: 'string', description: 'Listen address (default from settings.json, 127.0.0.1)' },
    port: { type: 'string', description: 'Port (default from settings.json, 8443; 0 = any free port)' },
    http: { type: 'boolean', description: 'Plain HTTP instead of HTTPS (loopback addresses only; for tests)' },
    'throttle-requests': {
      type: 'string',
      description: 'Requests allowed per window per client and endpoint (default 100)',
    },
    'throttle-window-seconds': { type: 'string', description: 'Throttle window in seconds (default 10)' },
  },
  async run({ args }) {
    const dataDir = dataDirOf(args);
    const settings = readSettings(dataDir);
    const requests = numberFlag(args['throttle-requests'], 'throttle-requests');
    const windowSeconds = numberFlag(args['throttle-window-seconds'], 'throttle-window-seconds');
    const throttle =
      requests === undefined && windowSeconds === undefined
        ? undefined
        : {
            requests: requests ?? settings.throttle.requests,
            windowSeconds: windowSeconds ?? settings.throttle.windowSeconds,
          };
    const port = numberFlag(args.port, 'port');
    const { ready, stop } = await startAndDescribe(dataDir, {
      ...(args.host === undefined ? {} : { host: args.host }),
      ...(port === undefined ? {} : { port }),
      http: args.http === true,
      ...(throttle === undefined ? {} : { throttle }),
    });
    // Handlers first: a supervisor may send SIGTERM as soon as it reads the ready line.
    const stopped = new Promise<void>((resolve) => {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        void stop().then(resolve, resolve);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    process.stdout.write(
      args.json === true
        ? `${JSON.stringify({ event: 'ready', ...ready })}\n`
        : `ksmkit-vault listening on ${ready.url} (CA ${ready.caCertPath ?? 'none: plain HTTP'}; server public key ${ready.serverPublicKey}, id ${ready.serverPublicKeyId})\n`,
    );
    await stopped;
  },
});
