// AWS Secrets Manager through the official SDK: owned secrets by tag, batched value reads, soft deletes with a recovery window.
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Hasher } from '../hash.js';
import type { CallCounts, OwnershipTags, Provider, RemoteSecret, SecretValue } from '../provider.js';
import { parseRetryAfter, type RateLimiter, type Retryable, withRetry } from '../resilience.js';
import { readTags, TAG_KEYS, tagPairs } from './tags.js';

/** Options of `createAwsProvider`. */
export interface AwsProviderOptions {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  /** Static credentials (from a Keeper record); default: the SDK's standard chain. */
  readonly credentials?: SecretsManagerClientConfig['credentials'];
  readonly recoveryWindowDays?: number | undefined;
  readonly kmsKeyId?: string | undefined;
  readonly limiter?: RateLimiter | undefined;
  readonly retry?:
    | { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number }
    | undefined;
}

const THROTTLE_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Throttling',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Whether an AWS SDK error is worth retrying: throttling, 429, 5xx or a dropped connection.
 *
 * @example
 * classifyAwsError(error); // { reason: 'ThrottlingException', retryAfterMs: 1000 } or null
 */
export function classifyAwsError(error: unknown): Retryable | null {
  const e = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string> };
  };
  const status = e.$metadata?.httpStatusCode;
  const retryAfterMs = parseRetryAfter(e.$response?.headers?.['retry-after']);
  if (THROTTLE_NAMES.has(e.name ?? '') || status === 429) return { reason: 'throttled', retryAfterMs };
  if (status !== undefined && status >= 500) return { reason: `HTTP ${status}`, retryAfterMs };
  if (NETWORK_CODES.has(e.code ?? '')) return { reason: e.code ?? 'network' };
  return null;
}

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException';
const awsTags = (tags: OwnershipTags) => Object.entries(tagPairs(tags)).map(([Key, Value]) => ({ Key, Value }));
const valueFields = (value: SecretValue) =>
  value.binary ? { SecretBinary: value.bytes } : { SecretString: new TextDecoder().decode(value.bytes) };
const tagsOf = (list: readonly { Key?: string; Value?: string }[] | undefined) =>
  readTags(Object.fromEntries((list ?? []).map((tag) => [tag.Key ?? '', tag.Value])));
const bytesOf = (item: { SecretString?: string; SecretBinary?: Uint8Array }) =>
  item.SecretBinary !== undefined ? item.SecretBinary : new TextEncoder().encode(item.SecretString ?? '');

/**
 * A Provider over AWS Secrets Manager (the SDK's own retries off: ours honour Retry-After and the token bucket).
 *
 * @example
 * const aws = createAwsProvider({ region: 'us-east-1' });
 * const owned = await aws.listOwned('prod');
 */
export function createAwsProvider(options: AwsProviderOptions = {}): Provider {
  const client = new SecretsManagerClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 1,
  });
  const calls: CallCounts = { reads: 0, writes: 0, retries: 0 };
  const send = <T>(kind: 'reads' | 'writes', request: () => Promise<T>): Promise<T> =>
    withRetry(
      () => {
        calls[kind]++;
        return request();
      },
      classifyAwsError,
      { ...options.retry, limiter: options.limiter, onRetry: () => calls.retries++ },
    );
  const retag = (name: string, tags: OwnershipTags) =>
    send('writes', () => client.send(new TagResourceCommand({ SecretId: name, Tags: awsTags(tags) })));

  return {
    kind: 'aws',
    calls,
    async listOwned(owner) {
      const out: RemoteSecret[] = [];
      let NextToken: string | undefined;
      do {
        const token = NextToken;
        const page = await send('reads', () =>
          client.send(
            new ListSecretsCommand({
              MaxResults: 100,
              NextToken: token,
              IncludePlannedDeletion: true,
              Filters: [
                { Key: 'tag-key', Values: [TAG_KEYS.owner] },
                { Key: 'tag-value', Values: [owner] },
              ],
            }),
          ),
        );
        for (const item of page.SecretList ?? []) {
          const tags = tagsOf(item.Tags);
          if (item.Name !== undefined && tags?.owner === owner)
            out.push({ name: item.Name, tags, softDeleted: item.DeletedDate !== undefined });
        }
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      return out;
    },
    async describe(name) {
      try {
        const found = await send('reads', () => client.send(new DescribeSecretCommand({ SecretId: name })));
        return { name, tags: tagsOf(found.Tags), softDeleted: found.DeletedDate !== undefined };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async readHashes(names, hash: Hasher) {
      const out = new Map<string, string>();
      for (let at = 0; at < names.length; at += 20) {
        const batch = names.slice(at, at + 20);
        const result = await send('reads', () =>
          client.send(new BatchGetSecretValueCommand({ SecretIdList: [...batch] })),
        );
        for (const item of result.SecretValues ?? [])
          if (item.Name !== undefined) out.set(item.Name, hash(item.Name, bytesOf(item)));
      }
      return out;
    },
    async create(name, value, tags, { restore }) {
      if (restore) {
        await send('writes', () => client.send(new RestoreSecretCommand({ SecretId: name })));
        await send('writes', () => client.send(new PutSecretValueCommand({ SecretId: name, ...valueFields(value) })));
        await retag(name, tags);
        return;
      }
      await send('writes', () =>
        client.send(
          new CreateSecretCommand({
            Name: name,
            ...valueFields(value),
            Tags: awsTags(tags),
            KmsKeyId: options.kmsKeyId,
          }),
        ),
      );
    },
    async update(name, value, tags) {
      await send('writes', () => client.send(new PutSecretValueCommand({ SecretId: name, ...valueFields(value) })));
      await retag(name, tags);
    },
    async retag(name, tags) {
      await retag(name, tags);
    },
    async delete(name) {
      await send('writes', () =>
        client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: options.recoveryWindowDays ?? 7 })),
      );
    },
    async flush() {},
  };
}
