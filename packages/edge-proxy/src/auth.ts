// Caller authentication for /v1 routes: bearer token, jti revocation list (KV), then the caller's rate limit.
import type { MiddlewareHandler } from 'hono';
import type { EdgeApp } from './app-types.js';
import type { EdgeEnv } from './env.js';
import { EdgeError } from './errors.js';
import { parseScopes } from './scope.js';
import { bearerToken, type Caller, verifyToken } from './token.js';

/**
 * The KV key of a revoked token id.
 *
 * @example
 * await env.REVOCATIONS.put(revocationKey(jti), '1', { expirationTtl: 3600 });
 */
export function revocationKey(jti: string): string {
  return `revoked:${jti}`;
}

/**
 * Verifies a bearer token and checks it was not revoked (shared by HTTP routes).
 *
 * @example
 * const caller = await authenticateBearer(env, request.headers.get('authorization') ?? undefined);
 */
export async function authenticateBearer(env: EdgeEnv, header: string | undefined): Promise<Caller> {
  if (!env.TOKEN_SECRET || env.TOKEN_SECRET.length < 32) {
    throw new EdgeError('ERR_NOT_CONFIGURED', 500, 'TOKEN_SECRET is missing or shorter than 32 characters');
  }
  const caller = await verifyToken(env.TOKEN_SECRET, bearerToken(header));
  if ((await env.REVOCATIONS.get(revocationKey(caller.jti))) !== null) {
    throw new EdgeError('ERR_TOKEN_REVOKED', 401, 'The caller token was revoked; mint a new one');
  }
  return caller;
}

/**
 * Takes one request from the caller's token bucket or throws 429 with `Retry-After`.
 *
 * @example
 * await enforceRateLimit(env, 'billing', 600);
 */
export async function enforceRateLimit(env: EdgeEnv, key: string, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key));
  const decision = await limiter.take(perMinute);
  if (!decision.ok) {
    throw new EdgeError(
      'ERR_RATE_LIMITED',
      429,
      'Too many requests for this caller; retry later',
      {},
      {
        retryAfter: decision.retryAfter,
      },
    );
  }
}

/**
 * Hono middleware: authenticates, rate-limits and sets `caller` and `rules`.
 *
 * @example
 * app.use('/v1/*', authenticate);
 */
export const authenticate: MiddlewareHandler<EdgeApp> = async (c, next) => {
  const caller = await authenticateBearer(c.env, c.req.header('authorization'));
  c.var.audit.caller = caller.sub;
  await enforceRateLimit(c.env, `sub:${caller.sub}`, c.var.settings.ratePerMinute);
  c.set('caller', caller);
  c.set('rules', parseScopes(caller.scopes));
  await next();
};
