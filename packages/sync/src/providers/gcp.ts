// GCP Secret Manager through @google-cloud/secret-manager: tags as annotations, a new version only when the value changed,
// delete = disable the latest version (GCP has no soft delete for secrets; enabling or adding a version restores it).
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { Hasher } from '../hash.js';
import type { CallCounts, OwnershipTags, Provider, RemoteSecret } from '../provider.js';
import { parseRetryAfter, type RateLimiter, type Retryable, withRetry } from '../resilience.js';
import { hashEach } from './hash-each.js';
import { readTags, tagPairs } from './tags.js';

/** Options of `createGcpProvider`. */
export interface GcpProviderOptions {
  readonly projectId: string;
  /** Service-account JSON (from a Keeper record); default: Application Default Credentials. */
  readonly credentials?: Record<string, unknown> | undefined;
  /** A ready auth client (tests, custom token sources). */
  readonly authClient?: unknown;
  /** Endpoint overrides; `protocol: 'http'` only for local fakes. */
  readonly apiEndpoint?: string | undefined;
  readonly port?: number | undefined;
  readonly protocol?: 'http' | 'https' | undefined;
  /** Version hygiene after each new version: keep the newest N enabled, disable (default) or destroy the rest. */
  readonly keepVersions?: number | undefined;
  readonly supersededVersions?: 'disable' | 'destroy' | undefined;
  readonly limiter?: RateLimiter | undefined;
  readonly retry?:
    | { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number }
    | undefined;
}

/** Deleted marker annotation (the latest version is disabled). */
const DELETED = 'ksm-sync.deleted';
const toAnnotations = (tags: OwnershipTags, deleted = false): Record<string, string> => {
  const out = Object.fromEntries(Object.entries(tagPairs(tags)).map(([key, value]) => [key.replace(':', '.'), value]));
  return deleted ? { ...out, [DELETED]: 'true' } : out;
};
const fromAnnotations = (annotations: Record<string, string> | null | undefined) =>
  readTags(
    Object.fromEntries(
      Object.entries(annotations ?? {}).map(([key, value]) => [key.replace('ksm-sync.', 'ksm-sync:'), value]),
    ),
  );

// gRPC status codes (GoogleError) or HTTP statuses (GaxiosError, when the REST fallback goes through an auth client)
const GRPC_OF_HTTP: Readonly<Record<number, number>> = { 400: 9, 404: 5, 409: 6, 429: 8, 500: 13, 503: 14, 504: 4 };
type AnyError = { code?: unknown; status?: number; response?: { status?: number; headers?: unknown } };
const grpcCode = (error: unknown): number | undefined => {
  const e = error as AnyError;
  const status = e.response?.status ?? e.status;
  if (typeof status === 'number') return GRPC_OF_HTTP[status] ?? (status >= 500 ? 13 : undefined);
  return typeof e.code === 'number' ? e.code : undefined;
};
const retryAfterOf = (error: unknown): string | undefined => {
  const headers = (error as AnyError).response?.headers as
    | { get?(name: string): string | null }
    | Record<string, string>
    | undefined;
  if (headers === undefined) return undefined;
  return typeof headers.get === 'function'
    ? (headers.get('retry-after') ?? undefined)
    : (headers as Record<string, string>)['retry-after'];
};
// 4 DEADLINE_EXCEEDED, 8 RESOURCE_EXHAUSTED, 13 INTERNAL, 14 UNAVAILABLE
const RETRYABLE = new Set([4, 8, 13, 14]);
const classify = (error: unknown): Retryable | null => {
  const code = grpcCode(error);
  return code !== undefined && RETRYABLE.has(code)
    ? { reason: `gRPC ${code}`, retryAfterMs: parseRetryAfter(retryAfterOf(error)) }
    : null;
};
const isNotFound = (error: unknown) => grpcCode(error) === 5;
const isFailedPrecondition = (error: unknown) => grpcCode(error) === 9;

/**
 * A Provider over GCP Secret Manager (the client's own retries off: ours back off with jitter and share the token bucket).
 *
 * @example
 * const gcp = createGcpProvider({ projectId: 'prod-123' });
 */
export function createGcpProvider(options: GcpProviderOptions): Provider {
  const client = new SecretManagerServiceClient({
    fallback: true,
    projectId: options.projectId,
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.authClient !== undefined ? { authClient: options.authClient as never } : {}),
    ...(options.apiEndpoint !== undefined
      ? { apiEndpoint: options.apiEndpoint, port: options.port, protocol: options.protocol }
      : {}),
  } as ConstructorParameters<typeof SecretManagerServiceClient>[0]);
  const calls: CallCounts = { reads: 0, writes: 0, retries: 0 };
  const parent = `projects/${options.projectId}`;
  const secretName = (name: string) => `${parent}/secrets/${name}`;
  const noRetry = { maxRetries: 0 } as never;
  const run = <T>(kind: 'reads' | 'writes', operation: () => Promise<T>) =>
    withRetry(
      () => {
        calls[kind]++;
        return operation();
      },
      classify,
      { ...options.retry, limiter: options.limiter, onRetry: () => calls.retries++ },
    );
  const latest = new Map<string, { version: string; data: Uint8Array }>();

  const access = async (name: string) => {
    try {
      const [result] = await run('reads', () =>
        client.accessSecretVersion({ name: `${secretName(name)}/versions/latest` }, noRetry),
      );
      const data = result.payload?.data;
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data ?? []);
      latest.set(name, { version: result.name ?? '', data: bytes });
      return bytes;
    } catch (error) {
      if (isNotFound(error) || isFailedPrecondition(error)) return undefined;
      throw error;
    }
  };
  const addVersion = (name: string, bytes: Uint8Array) =>
    run('writes', () => client.addSecretVersion({ parent: secretName(name), payload: { data: bytes } }, noRetry));
  /** Disables (or destroys) enabled versions beyond the newest `keepVersions`. */
  const tidy = async (name: string) => {
    const keep = options.keepVersions;
    if (keep === undefined) return;
    const [versions] = await run('reads', () =>
      client.listSecretVersions({ parent: secretName(name), filter: 'state:ENABLED' }, noRetry),
    );
    const number = (v: { name?: string | null }) => Number((v.name ?? '').split('/').pop());
    const older = versions
      .filter((v) => v.state === 'ENABLED')
      .sort((a, b) => number(b) - number(a))
      .slice(keep);
    for (const version of older) {
      const request = { name: version.name ?? '' };
      await run('writes', () =>
        options.supersededVersions === 'destroy'
          ? client.destroySecretVersion(request, noRetry)
          : client.disableSecretVersion(request, noRetry),
      );
    }
  };
  const annotate = (name: string, annotations: Record<string, string>) =>
    run('writes', () =>
      client.updateSecret(
        { secret: { name: secretName(name), annotations }, updateMask: { paths: ['annotations'] } },
        noRetry,
      ),
    );

  return {
    kind: 'gcp',
    calls,
    async listOwned(owner) {
      const out: RemoteSecret[] = [];
      let pageToken: string | undefined;
      do {
        const token = pageToken;
        const [secrets, next] = await run('reads', () =>
          client.listSecrets(
            { parent, pageSize: 250, pageToken: token },
            { ...(noRetry as object), autoPaginate: false },
          ),
        );
        for (const secret of secrets) {
          const tags = fromAnnotations(secret.annotations as Record<string, string>);
          const name = (secret.name ?? '').split('/').pop() ?? '';
          if (tags?.owner === owner) out.push({ name, tags, softDeleted: secret.annotations?.[DELETED] === 'true' });
        }
        pageToken = next?.pageToken || undefined;
      } while (pageToken !== undefined);
      return out;
    },
    async describe(name) {
      try {
        const [secret] = await run('reads', () => client.getSecret({ name: secretName(name) }, noRetry));
        return {
          name,
          tags: fromAnnotations(secret.annotations as Record<string, string>),
          softDeleted: secret.annotations?.[DELETED] === 'true',
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    readHashes(names, hash: Hasher) {
      return hashEach(names, hash, access);
    },
    async create(name, value, tags, { restore }) {
      if (!restore)
        await run('writes', () =>
          client.createSecret(
            { parent, secretId: name, secret: { replication: { automatic: {} }, annotations: toAnnotations(tags) } },
            noRetry,
          ),
        );
      await addVersion(name, value.bytes);
      if (restore) await annotate(name, toAnnotations(tags));
    },
    async update(name, value, tags) {
      await addVersion(name, value.bytes);
      await annotate(name, toAnnotations(tags));
      await tidy(name);
    },
    async retag(name, tags) {
      await annotate(name, toAnnotations(tags));
    },
    async delete(name) {
      const [version] = await run('reads', () =>
        client.getSecretVersion({ name: `${secretName(name)}/versions/latest` }, noRetry),
      );
      await run('writes', () => client.disableSecretVersion({ name: version.name ?? '' }, noRetry));
      const [secret] = await run('reads', () => client.getSecret({ name: secretName(name) }, noRetry));
      await annotate(name, { ...(secret.annotations as Record<string, string>), [DELETED]: 'true' });
    },
    async flush() {},
  };
}
