// The Worker entry: the HTTP app, the gateway and rate-limiter Durable Objects, and the RPC entry point.
import { createApp } from './app.js';
import type { EdgeEnv } from './env.js';

export { KsmGateway } from './gateway.js';
export { CallerRateLimiter } from './rate-limiter.js';
export { EdgeProxyRpc } from './rpc.js';

const app = createApp();

/** The Worker's fetch handler. */
// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export
export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<EdgeEnv>;
