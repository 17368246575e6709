// `ksmkit-edge token create|revoke`: mint caller tokens with the TOKEN_SECRET, and revoke them by jti.
import { randomUUID } from 'node:crypto';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { createToken } from '../token.js';
import { readDevVars } from './dev-vars.js';
import { EXIT } from './exit-codes.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Seconds of a TTL such as `90`, `30m`, `1h` or `7d`.
 *
 * @example
 * parseTtl('1h'); // 3600
 */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  const seconds = match === null ? Number.NaN : Number(match[1]) * (UNITS[match[2] || 's'] ?? 1);
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > 366 * 86_400) {
    throw new UserError('--ttl must be a duration like 900, 30m, 1h or 7d (at most a year)', {
      exitCode: EXIT.USAGE,
      code: 'ERR_INVALID_TTL',
    });
  }
  return seconds;
}

/**
 * Every value of a repeatable option (`--scope a --scope b`, `--scope=c`); citty keeps only the last one.
 *
 * @example
 * repeated(['--scope', 'a', '--scope=b'], 'scope'); // ['a', 'b']
 */
export function repeated(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i] as string;
    if (arg === '--') break;
    if (arg === `--${name}` && i + 1 < rawArgs.length) values.push(rawArgs[++i] as string);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}

async function tokenSecret(devVars: string | undefined): Promise<string> {
  const fromEnv = process.env.KSMKIT_EDGE_TOKEN_SECRET;
  const secret =
    fromEnv !== undefined && fromEnv !== '' ? fromEnv : (await readDevVars(devVars ?? '.dev.vars')).TOKEN_SECRET;
  if (secret === undefined || secret.length < 32) {
    throw new UserError(
      'No TOKEN_SECRET: run ksmkit-edge setup (it writes .dev.vars), pass --dev-vars FILE, or set KSMKIT_EDGE_TOKEN_SECRET',
      { exitCode: EXIT.CONFIG, code: 'ERR_TOKEN_SECRET_MISSING' },
    );
  }
  return secret;
}

const createCommand = defineCommand({
  meta: { name: 'create', description: 'Mint a caller token (prints it on stdout; --json for jti and expiry too)' },
  args: {
    sub: { type: 'string', required: true, description: 'Caller name (audit lines and rate limits)' },
    scope: {
      type: 'string',
      description: "Notation pattern, repeatable: 'keeper://UID/field/password', 'keeper://UID/*'",
    },
    host: {
      type: 'string',
      description: 'Destination host inject mode may call, repeatable (api.example.com, *.example.com)',
    },
    ttl: { type: 'string', default: '1h', description: 'Lifetime: 900, 30m, 1h, 7d' },
    'dev-vars': { type: 'string', description: 'File with TOKEN_SECRET (default .dev.vars)' },
    json: { type: 'boolean', description: 'Print {token, jti, sub, exp} as JSON' },
  },
  async run({ args, rawArgs }) {
    const scopes = repeated(rawArgs, 'scope');
    if (scopes.length === 0) {
      throw new UserError("Give at least one --scope, e.g. --scope 'keeper://UID/field/password'", {
        exitCode: EXIT.USAGE,
        code: 'ERR_SCOPE_MISSING',
      });
    }
    const ttlSeconds = parseTtl(args.ttl);
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const hosts = repeated(rawArgs, 'host');
    const token = await createToken(await tokenSecret(args['dev-vars']), {
      sub: args.sub,
      scopes,
      hosts,
      jti,
      ttlSeconds,
      now,
    });
    const exp = now + ttlSeconds;
    process.stdout.write(args.json ? `${JSON.stringify({ token, jti, sub: args.sub, exp })}\n` : `${token}\n`);
    if (!args.json) process.stderr.write(`jti ${jti}, expires ${new Date(exp * 1000).toISOString()}\n`);
  },
});

const revokeCommand = defineCommand({
  meta: { name: 'revoke', description: 'Put a token id on the proxy revocation list (POST /v1/revoke)' },
  args: {
    jti: { type: 'string', required: true, description: 'The token id (token create --json prints it)' },
    url: {
      type: 'string',
      required: true,
      description: 'The proxy base URL, e.g. https://ksmkit-edge-proxy.example.workers.dev',
    },
    exp: { type: 'string', description: 'The token expiry (seconds since the epoch): the entry is dropped after it' },
    'dev-vars': { type: 'string', description: 'File with TOKEN_SECRET (default .dev.vars)' },
  },
  async run({ args }) {
    const admin = await createToken(await tokenSecret(args['dev-vars']), {
      sub: 'ksmkit-edge-cli',
      scopes: ['edge:revoke'],
      jti: randomUUID(),
      ttlSeconds: 300,
    });
    let response: Response;
    try {
      response = await fetch(new URL('/v1/revoke', args.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jti: args.jti, ...(args.exp === undefined ? {} : { exp: Number(args.exp) }) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new UserError(`Could not reach the proxy at ${new URL(args.url).origin}`, {
        exitCode: EXIT.NETWORK,
        code: 'ERR_NETWORK',
      });
    }
    const text = await response.text();
    if (response.status !== 200) {
      const code = (JSON.parse(text || '{}') as { error?: { code?: string } }).error?.code ?? `HTTP ${response.status}`;
      throw new UserError(`The proxy refused the revocation (${code})`, {
        exitCode: EXIT.REJECTED,
        code: 'ERR_REVOKE_FAILED',
      });
    }
    process.stdout.write(`Revoked ${args.jti}\n`);
  },
});

/** `ksmkit-edge token …`. */
export const tokenCommand = defineCommand({
  meta: { name: 'token', description: 'Mint and revoke caller tokens' },
  subCommands: { create: createCommand, revoke: revokeCommand },
});
