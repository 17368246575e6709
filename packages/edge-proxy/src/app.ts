// The proxy's hono app: per-request context and audit line, authenticated /v1 routes, one JSON error handler.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EdgeApp } from './app-types.js';
import { newAudit, writeAudit } from './audit.js';
import { authenticate } from './auth.js';
import { settingsOf } from './env.js';
import { EdgeError } from './errors.js';
import { adminRoutes } from './routes/admin-routes.js';
import { forwardRoutes } from './routes/forward-routes.js';
import { readRoutes } from './routes/read-routes.js';

function toEdgeError(error: unknown): EdgeError {
  if (error instanceof EdgeError) return error;
  return new EdgeError('ERR_INTERNAL', 500, 'Internal error in the edge proxy');
}

/**
 * Builds the proxy app (the Worker's default export wraps it).
 *
 * @example
 * const app = createApp();
 * export default { fetch: app.fetch };
 */
export function createApp(): Hono<EdgeApp> {
  const app = new Hono<EdgeApp>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const audit = newAudit();
    const settings = settingsOf(c.env);
    c.set('audit', audit);
    c.set('settings', settings);
    c.set('records', {
      env: c.env,
      settings,
      waitUntil: (promise) => c.executionCtx.waitUntil(promise),
      cache: (caches as unknown as { default: Cache }).default,
    });
    await next();
    c.res.headers.set('cache-control', 'no-store');
    writeAudit(audit, {
      method: c.req.method,
      path: c.req.routePath === '/*' ? new URL(c.req.url).pathname : c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    });
  });

  app.get('/v1/health', (c) => {
    c.var.audit.mode = 'health';
    return c.json({
      ok: true,
      service: 'ksmkit-edge-proxy',
      configured: {
        ksmConfig: Boolean(c.env.KSM_CONFIG),
        tokenSecret: Boolean(c.env.TOKEN_SECRET),
        cacheKey: Boolean(c.env.CACHE_KEY),
      },
    });
  });

  app.use('/v1/*', authenticate);
  app.route('/v1', readRoutes);
  app.route('/v1', forwardRoutes);
  app.route('/v1', adminRoutes);

  app.notFound((c) => errorResponse(c, new EdgeError('ERR_NOT_FOUND', 404, 'No such route; see GET /v1/health')));
  app.onError((error, c) => errorResponse(c, toEdgeError(error)));
  return app;
}

function errorResponse(c: Context<EdgeApp>, edge: EdgeError): Response {
  const audit = c.get('audit');
  if (audit !== undefined) {
    audit.decision = edge.status === 401 || edge.status === 403 ? 'deny' : 'error';
    audit.code = edge.code;
  }
  if (edge.retryAfter !== undefined) c.header('retry-after', String(edge.retryAfter));
  return c.json(
    { error: { code: edge.code, message: edge.message, details: edge.details } },
    edge.status as ContentfulStatusCode,
  );
}
