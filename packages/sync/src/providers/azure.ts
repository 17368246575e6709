// Azure Key Vault through @azure/keyvault-secrets: tags on each version, set only when the value changed, soft delete and recover.
import type { Agent } from 'node:https';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import { base64Encode } from '@ksmkit/core';
import type { Hasher } from '../hash.js';
import type { CallCounts, OwnershipTags, Provider, RemoteSecret, SecretValue } from '../provider.js';
import { parseRetryAfter, type RateLimiter, type Retryable, withRetry } from '../resilience.js';
import { hashEach } from './hash-each.js';
import { readTags, tagPairs } from './tags.js';

/** A credential the SDK accepts (DefaultAzureCredential, ClientSecretCredential, …). */
export type AzureCredential = ConstructorParameters<typeof SecretClient>[1];
type PolicyConfig = NonNullable<SecretClientOptions['additionalPolicies']>[number];

/** Options of `createAzureProvider`. */
export interface AzureProviderOptions {
  /** `https://NAME.vault.azure.net`. */
  readonly vaultUrl: string;
  readonly credential: AzureCredential;
  /** An https.Agent for private CAs or proxies. */
  readonly agent?: Agent | undefined;
  readonly limiter?: RateLimiter | undefined;
  readonly retry?:
    | { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number }
    | undefined;
  /** Poll interval of delete and recover operations; default 1 s. */
  readonly pollIntervalMs?: number | undefined;
}

const classify = (error: unknown): Retryable | null => {
  const e = error as {
    statusCode?: number;
    code?: string;
    response?: { headers?: { get(name: string): string | undefined } };
  };
  const retryAfterMs = parseRetryAfter(e.response?.headers?.get('retry-after'));
  if (e.statusCode === 429 || (e.statusCode !== undefined && e.statusCode >= 500))
    return { reason: `HTTP ${e.statusCode}`, retryAfterMs };
  return e.code === 'ECONNRESET' ? { reason: 'ECONNRESET' } : null;
};
const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

/**
 * A pipeline policy that sends every request through `agent` (test CAs, private endpoints).
 *
 * @example
 * new SecretClient(url, credential, { additionalPolicies: [agentPolicy(agent)] });
 */
export function agentPolicy(agent: Agent): PolicyConfig {
  return {
    policy: {
      name: 'ksmSyncAgent',
      sendRequest: (request, next) => {
        request.agent = agent;
        return next(request);
      },
    },
    position: 'perCall',
  };
}

/**
 * A Provider over one Azure Key Vault (the SDK's own retries off: ours honour Retry-After and the token bucket).
 *
 * @example
 * const azure = createAzureProvider({ vaultUrl: 'https://prod.vault.azure.net', credential: new DefaultAzureCredential() });
 */
export function createAzureProvider(options: AzureProviderOptions): Provider {
  const calls: CallCounts = { reads: 0, writes: 0, retries: 0 };
  const counter: PolicyConfig = {
    policy: {
      name: 'ksmSyncCount',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (response.status !== 401) calls[request.method === 'GET' ? 'reads' : 'writes']++;
        return response;
      },
    },
    position: 'perRetry',
  };
  const client = new SecretClient(options.vaultUrl, options.credential, {
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [...(options.agent !== undefined ? [agentPolicy(options.agent)] : []), counter],
  });
  const run = <T>(operation: () => Promise<T>) =>
    withRetry(operation, classify, { ...options.retry, limiter: options.limiter, onRetry: () => calls.retries++ });
  const versions = new Map<string, { version: string | undefined; value: string }>();
  const poll = { intervalInMs: options.pollIntervalMs ?? 1000 };

  const load = async (name: string) => {
    try {
      const secret = await run(() => client.getSecret(name));
      versions.set(name, { version: secret.properties.version, value: secret.value ?? '' });
      return secret;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };
  const set = async (name: string, value: SecretValue, tags: OwnershipTags) => {
    const text = new TextDecoder().decode(value.bytes);
    const secret = await run(() => client.setSecret(name, text, { tags: tagPairs(tags) }));
    versions.set(name, { version: secret.properties.version, value: text });
  };

  return {
    kind: 'azure',
    calls,
    async listOwned(owner) {
      const out: RemoteSecret[] = [];
      for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 }))
        for (const item of page)
          if (item.tags?.['ksm-sync:owner'] === owner) out.push({ name: item.name, tags: readTags(item.tags ?? {}) });
      for await (const page of client.listDeletedSecrets().byPage({ maxPageSize: 25 }))
        for (const item of page)
          if (item.properties.tags?.['ksm-sync:owner'] === owner)
            out.push({ name: item.name, tags: readTags(item.properties.tags ?? {}), softDeleted: true });
      return out;
    },
    async describe(name) {
      const secret = await load(name);
      if (secret !== null) return { name, tags: readTags(secret.properties.tags ?? {}) };
      try {
        const deleted = await run(() => client.getDeletedSecret(name));
        return { name, tags: readTags(deleted.properties.tags ?? {}), softDeleted: true };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    readHashes(names, hash: Hasher) {
      return hashEach(names, hash, async (name) => {
        const known = versions.get(name)?.value ?? (await load(name))?.value;
        return known === undefined ? undefined : new TextEncoder().encode(known);
      });
    },
    async create(name, value, tags, { restore }) {
      if (restore) await run(async () => (await client.beginRecoverDeletedSecret(name, poll)).pollUntilDone());
      await set(name, value, tags);
    },
    async update(name, value, tags) {
      await set(name, value, tags);
    },
    async retag(name, tags) {
      const version = versions.get(name)?.version ?? (await load(name))?.properties.version;
      if (version === undefined) throw new Error('no current version to tag');
      await run(() => client.updateSecretProperties(name, version, { tags: tagPairs(tags) }));
    },
    async delete(name) {
      await run(async () => (await client.beginDeleteSecret(name, poll)).pollUntilDone());
    },
    async flush() {},
    stored: (value) =>
      value.binary ? { bytes: new TextEncoder().encode(base64Encode(value.bytes)), binary: false } : value,
  };
}
