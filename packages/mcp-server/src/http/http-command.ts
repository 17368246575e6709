// `ksmkit-mcp http`: Streamable HTTP on loopback (unless told otherwise), bearer tokens, Host/Origin checks.
import { serve } from '@hono/node-server';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { createServices, warmUp } from '../services.js';
import { SERVE_ARGS, servicesInput, splitList } from '../shared-args.js';
import { VERSION } from '../version.js';
import { createClientStore, defaultClientsFile } from './client-store.js';
import { type HostPolicy, hostPolicy } from './host-check.js';
import { createHttpApp } from './http-app.js';
import { createRateLimiter } from './rate-limiter.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The http command. */
export const httpCommand = defineCommand({
  meta: { name: 'http', description: 'Serve MCP over Streamable HTTP at /mcp (bearer tokens: ksmkit-mcp clients add)' },
  args: {
    ...SERVE_ARGS,
    port: { type: 'string', description: 'Port (default 8787; 0 picks a free one)' },
    host: { type: 'string', description: 'Address to bind (default 127.0.0.1)' },
    'allow-non-loopback': { type: 'boolean', description: 'Allow binding to a non-loopback address' },
    'allowed-hosts': { type: 'string', description: 'Extra Host header values, comma-separated (host:port)' },
    'allowed-origins': { type: 'string', description: 'Browser origins allowed, comma-separated' },
    'rate-limit': { type: 'string', description: 'Requests per minute per client (default 120; 0: off)' },
    sessions: { type: 'boolean', description: 'Keep a session per client (needed for reveal approvals over HTTP)' },
    'clients-file': { type: 'string', description: 'Client token hashes (default ~/.config/ksmkit/mcp-clients.json)' },
  },
  async run({ args }) {
    const host = args.host ?? '127.0.0.1';
    if (!LOOPBACK.has(host) && args['allow-non-loopback'] !== true) {
      throw new UserError(`Refusing to listen on ${host}: pass --allow-non-loopback (and put TLS in front).`, {
        exitCode: 2,
        code: 'ERR_USAGE',
      });
    }
    const port = args.port === undefined ? 8787 : Number(args.port);
    const rate = args['rate-limit'] === undefined ? 120 : Number(args['rate-limit']);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isFinite(rate)) {
      throw new UserError('--port must be 0–65535 and --rate-limit a number', { exitCode: 2, code: 'ERR_USAGE' });
    }
    const services = await createServices(servicesInput(args, VERSION));
    warmUp(services);
    const store = createClientStore(args['clients-file'] ?? defaultClientsFile(process.env));
    let policy: HostPolicy = hostPolicy(port, [], []);
    const app = createHttpApp({
      services,
      store,
      limiter: createRateLimiter(rate),
      policy: () => policy,
      sessions: args.sessions === true,
    });
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      policy = hostPolicy(info.port, splitList(args['allowed-hosts']), splitList(args['allowed-origins']));
      const shown = host.includes(':') ? `[${host}]` : host;
      process.stderr.write(`ksmkit-mcp listening on http://${shown}:${info.port}/mcp\n`);
    });
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
  },
});
