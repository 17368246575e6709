// Caller tokens: HS256 JWTs (hono's JWT helper) with sub, scope, hosts, exp and jti; revocation by jti in KV.
import { sign, verify } from 'hono/jwt';
import { EdgeError } from './errors.js';

/** The audience every caller token carries. */
export const TOKEN_AUDIENCE = 'ksmkit-edge';

/** What a verified caller token grants. */
export interface Caller {
  readonly sub: string;
  /** Notation patterns (`keeper://UID/field/password`, `keeper://UID/*`, `keeper://FOLDER_UID/*`). */
  readonly scopes: readonly string[];
  /** Destination hosts inject mode may call for this caller. */
  readonly hosts: readonly string[];
  readonly jti: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

/** Claims of `createToken`. */
export interface TokenClaims {
  readonly sub: string;
  readonly scopes: readonly string[];
  readonly hosts?: readonly string[];
  readonly jti: string;
  /** Lifetime in seconds. */
  readonly ttlSeconds: number;
  /** Seconds since the epoch; default now. */
  readonly now?: number;
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Signs a caller token (the CLI's `token create` and tests use it).
 *
 * @example
 * const token = await createToken(secret, { sub: 'billing', scopes: ['keeper://UID/*'], jti: 'a1', ttlSeconds: 3600 });
 */
export async function createToken(secret: string, claims: TokenClaims): Promise<string> {
  const iat = claims.now ?? Math.floor(Date.now() / 1000);
  return sign(
    {
      sub: claims.sub,
      aud: TOKEN_AUDIENCE,
      scope: [...claims.scopes],
      hosts: [...(claims.hosts ?? [])],
      jti: claims.jti,
      iat,
      exp: iat + claims.ttlSeconds,
    },
    secret,
    'HS256',
  );
}

/**
 * Verifies a bearer token's signature, audience, expiry and claims (revocation is checked by the caller).
 * Errors never echo the token.
 *
 * @example
 * const caller = await verifyToken(secret, token);
 */
export async function verifyToken(secret: string, token: string): Promise<Caller> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, { alg: 'HS256', aud: TOKEN_AUDIENCE });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'JwtTokenExpired') {
      throw new EdgeError(
        'ERR_TOKEN_EXPIRED',
        401,
        'The caller token has expired; mint a new one',
        {},
        { cause: name },
      );
    }
    throw new EdgeError('ERR_TOKEN_INVALID', 401, 'The caller token is malformed or its signature does not verify');
  }
  const { sub, scope, hosts, jti, exp } = payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || !stringList(scope)) {
    throw new EdgeError('ERR_TOKEN_INVALID', 401, 'The caller token lacks sub, jti, exp or a scope list');
  }
  return { sub, scopes: scope, hosts: stringList(hosts) ? hosts : [], jti, exp };
}

/**
 * The token of an `Authorization: Bearer …` header.
 *
 * @example
 * bearerToken('Bearer eyJ…'); // 'eyJ…'
 */
export function bearerToken(header: string | undefined): string {
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) {
    throw new EdgeError('ERR_UNAUTHENTICATED', 401, 'Send a caller token as "Authorization: Bearer <token>"');
  }
  return match[1];
}
