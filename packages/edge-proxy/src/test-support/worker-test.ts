// Test support (workerd): tokens, seeded UIDs, the counting proxy's control and calls into the Worker.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env as rawEnv } from 'cloudflare:workers';
import type { EdgeEnv } from '../env.js';
import worker from '../index.js';
import { createToken } from '../token.js';

/** The test bindings: the Worker's plus the control endpoint and seeded UIDs from the global setup. */
export const env = rawEnv as unknown as EdgeEnv & {
  TEST_CONTROL_URL: string;
  TEST_UPSTREAM_URL: string;
  TEST_SEEDED: string;
  TEST_THROTTLED_CONFIG: string;
};

const seeded = JSON.parse(env.TEST_SEEDED) as { folders: Record<string, string>; records: Record<string, string> };

/**
 * The UID of a seeded record (by title) or folder (by name).
 *
 * @example
 * uidOf('Postgres');
 */
export function uidOf(name: string): string {
  const uid = seeded.records[name] ?? seeded.folders[name];
  if (uid === undefined) throw new Error(`no seeded record or folder "${name}"`);
  return uid;
}

let jtiCounter = 0;

/**
 * A caller token with these scopes (and hosts), signed with the test TOKEN_SECRET.
 *
 * @example
 * const token = await mint(['keeper://UID/*']);
 */
export function mint(
  scopes: readonly string[],
  options: { sub?: string; hosts?: string[]; ttlSeconds?: number; jti?: string; now?: number } = {},
): Promise<string> {
  jtiCounter += 1;
  return createToken(env.TOKEN_SECRET, {
    sub: options.sub ?? 'test-caller',
    scopes,
    hosts: options.hosts ?? [],
    jti: options.jti ?? `jti-${jtiCounter}-${crypto.randomUUID()}`,
    ttlSeconds: options.ttlSeconds ?? 600,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

/**
 * Counts of KSM calls at the vault (through the counting proxy); `down` makes the vault unreachable.
 *
 * @example
 * await control({ reset: true });
 * const { counts } = await control();
 */
export async function control(body?: { down?: boolean; reset?: boolean }): Promise<{ counts: Record<string, number> }> {
  const response = await fetch(
    env.TEST_CONTROL_URL,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );
  return (await response.json()) as { counts: Record<string, number> };
}

/**
 * Calls the Worker's fetch handler (optionally with overridden vars) and waits for its background work.
 *
 * @example
 * const response = await call('/v1/resolve', { token, json: { notations } });
 */
export async function call(
  path: string,
  options: {
    token?: string;
    json?: unknown;
    body?: string;
    method?: string;
    vars?: Partial<Record<string, string>>;
  } = {},
): Promise<Response> {
  const headers = new Headers();
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  const body = options.json === undefined ? options.body : JSON.stringify(options.json);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`https://edge.test${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    request as Parameters<typeof worker.fetch>[0],
    { ...env, ...options.vars } as EdgeEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * POST /v1/resolve for `notations`.
 *
 * @example
 * const response = await resolve(token, ['keeper://UID/field/password']);
 */
export function resolve(
  token: string,
  notations: unknown[],
  vars?: Partial<Record<string, string>>,
): Promise<Response> {
  return call('/v1/resolve', { token, json: { notations }, ...(vars === undefined ? {} : { vars }) });
}

/** Sleeps (tests that wait out a short TTL). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
