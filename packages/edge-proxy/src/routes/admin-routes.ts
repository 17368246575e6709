// POST /v1/revoke: puts a token id on the revocation list (KV) until that token would have expired anyway.
import { Hono } from 'hono';
import type { EdgeApp } from '../app-types.js';
import { revocationKey } from '../auth.js';
import { readJsonObject } from '../body.js';
import { EdgeError } from '../errors.js';

/** The scope a token needs to revoke other tokens (`ksmkit-edge token revoke` mints one). */
export const REVOKE_SCOPE = 'edge:revoke';

/** KV keeps keys at least this long. */
const KV_MIN_TTL = 60;

/**
 * Admin routes (mounted under /v1 behind `authenticate`).
 *
 * @example
 * app.route('/v1', adminRoutes);
 */
export const adminRoutes = new Hono<EdgeApp>().post('/revoke', async (c) => {
  c.var.audit.mode = 'revoke';
  if (!c.var.caller.scopes.includes(REVOKE_SCOPE)) {
    throw new EdgeError('ERR_SCOPE_DENIED', 403, `Revoking needs a token with scope "${REVOKE_SCOPE}"`);
  }
  const { jti, exp } = await readJsonObject(c.req.raw, 4096);
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 200) {
    throw new EdgeError('ERR_INVALID_REQUEST', 400, 'Send {"jti":"<token id>","exp":<expiry, seconds since epoch>}');
  }
  const now = Math.floor(Date.now() / 1000);
  // Without the token's expiry, keep the entry for a year (longer than any token `token create` mints).
  const until = typeof exp === 'number' && Number.isFinite(exp) ? exp : now + 365 * 86_400;
  await c.env.REVOCATIONS.put(revocationKey(jti), String(until), { expirationTtl: Math.max(KV_MIN_TTL, until - now) });
  return c.json({ revoked: jti, until });
});
