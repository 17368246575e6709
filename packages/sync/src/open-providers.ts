// Opens one Provider per target: SDK clients with credentials from their standard chain or a Keeper record, files relative to the map.
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { createNodeFetch } from '@ksmkit/config';
import type { DecryptedRecord } from '@ksmkit/core';
import {
  AWS_LABELS,
  AZURE_LABELS,
  credentialField,
  credentialRecord,
  GCP_LABELS,
  VAULT_LABELS,
} from './credentials.js';
import { SyncError } from './errors.js';
import type { SyncMap, TargetConfig } from './map-types.js';
import type { Provider } from './provider.js';
import { createAwsProvider } from './providers/aws.js';
import { type AzureCredential, agentPolicy, createAzureProvider } from './providers/azure.js';
import { openFileTarget } from './providers/file-target.js';
import { createGcpProvider } from './providers/gcp.js';
import { createVaultProvider } from './providers/vault.js';
import { createRateLimiter } from './resilience.js';

/** Options of `openProviders`. */
export interface OpenProvidersOptions {
  /** Directory relative file target paths start from (the map file's directory). */
  readonly baseDir: string;
  /** An https.Agent for SDK clients that take one (Azure): private CAs, proxies, tests. */
  readonly httpsAgent?: Agent | undefined;
  /** GCP transport overrides (a local fake: REST over http on a port, a ready auth client). */
  readonly gcpTransport?:
    | { readonly port?: number; readonly protocol?: 'http' | 'https'; readonly authClient?: unknown }
    | undefined;
  /** Retry tuning (tests shorten the back-off). */
  readonly retry?:
    | { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number }
    | undefined;
}

/** Opens the provider of one target. */
export async function openProvider(
  name: string,
  config: TargetConfig,
  records: readonly DecryptedRecord[],
  options: OpenProvidersOptions,
): Promise<Provider> {
  const limiter = createRateLimiter({ perSecond: config.rate?.perSecond ?? 50, burst: config.rate?.burst ?? 50 });
  if (config.type === 'aws') {
    let credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    let region = config.region;
    if (config.credentials !== undefined) {
      const record = credentialRecord(records, name, config.credentials);
      const accessKeyId = credentialField(record, AWS_LABELS.accessKeyId);
      const secretAccessKey = credentialField(record, AWS_LABELS.secretAccessKey);
      if (accessKeyId === undefined || secretAccessKey === undefined)
        throw new SyncError(
          'ERR_PROVIDER',
          `target ${name}: the credentials record needs "AWS Access Key ID" and "AWS Secret Access Key" fields`,
          { target: name },
        );
      credentials = { accessKeyId, secretAccessKey };
      region ??= credentialField(record, AWS_LABELS.region);
    }
    return createAwsProvider({
      region,
      endpoint: config.endpoint,
      credentials,
      recoveryWindowDays: config.recoveryWindowDays,
      kmsKeyId: config.kmsKeyId,
      limiter,
      retry: options.retry,
    });
  }
  if (config.type === 'vault') {
    let { address } = config;
    let token: string | undefined;
    if (config.credentials !== undefined) {
      const record = credentialRecord(records, name, config.credentials);
      token = credentialField(record, VAULT_LABELS.token);
      if (token === undefined)
        throw new SyncError('ERR_PROVIDER', `target ${name}: the credentials record needs a "Vault Token" field`, {
          target: name,
        });
      address ??= credentialField(record, VAULT_LABELS.address);
    }
    const ca =
      config.caCert !== undefined ? await readFile(resolvePath(options.baseDir, config.caCert), 'utf8') : undefined;
    const fetch = ca !== undefined ? (createNodeFetch({ ca }) as unknown as typeof globalThis.fetch) : undefined;
    return createVaultProvider({
      address,
      token,
      mount: config.mount,
      namespace: config.namespace,
      prefix: config.prefix,
      fetch,
      limiter,
      retry: options.retry,
    });
  }
  if (config.type === 'azure') {
    let vaultUrl =
      config.vaultUrl ?? (config.vaultName !== undefined ? `https://${config.vaultName}.vault.azure.net` : undefined);
    const ca =
      config.caCert !== undefined ? await readFile(resolvePath(options.baseDir, config.caCert), 'utf8') : undefined;
    const agent = options.httpsAgent ?? (ca !== undefined ? new Agent({ ca, keepAlive: true }) : undefined);
    const identity = await import('@azure/identity');
    const identityOptions = {
      authorityHost: config.authorityHost,
      additionalPolicies: agent !== undefined ? [agentPolicy(agent)] : [],
    };
    let credential: AzureCredential;
    if (config.credentials !== undefined) {
      const record = credentialRecord(records, name, config.credentials);
      const [tenant, client, secret] = [AZURE_LABELS.tenantId, AZURE_LABELS.clientId, AZURE_LABELS.clientSecret].map(
        (labels) => credentialField(record, labels),
      );
      if (tenant === undefined || client === undefined || secret === undefined)
        throw new SyncError(
          'ERR_PROVIDER',
          `target ${name}: the credentials record needs "Azure Tenant ID", "Azure Client ID" and "Azure Client Secret" fields`,
          { target: name },
        );
      credential = new identity.ClientSecretCredential(tenant, client, secret, {
        ...identityOptions,
        disableInstanceDiscovery: config.authorityHost !== undefined,
      });
      const vaultName = credentialField(record, AZURE_LABELS.vaultName);
      vaultUrl ??= vaultName !== undefined ? `https://${vaultName}.vault.azure.net` : undefined;
    } else credential = new identity.DefaultAzureCredential(identityOptions);
    if (vaultUrl === undefined)
      throw new SyncError('ERR_PROVIDER', `target ${name}: set "vaultUrl" or "vaultName"`, { target: name });
    return createAzureProvider({ vaultUrl, credential, agent, limiter, retry: options.retry });
  }
  if (config.type === 'gcp') {
    let projectId = config.projectId ?? process.env.GOOGLE_CLOUD_PROJECT;
    let credentials: Record<string, unknown> | undefined;
    if (config.credentials !== undefined) {
      const record = credentialRecord(records, name, config.credentials);
      projectId ??= credentialField(record, GCP_LABELS.projectId);
      const json = credentialField(record, GCP_LABELS.applicationCredentials);
      try {
        credentials = json !== undefined ? (JSON.parse(json) as Record<string, unknown>) : undefined;
      } catch {
        throw new SyncError(
          'ERR_PROVIDER',
          `target ${name}: "Google Application Credentials" is not service-account JSON`,
          { target: name },
        );
      }
    }
    if (projectId === undefined)
      throw new SyncError('ERR_PROVIDER', `target ${name}: set "projectId" (or GOOGLE_CLOUD_PROJECT)`, {
        target: name,
      });
    return createGcpProvider({
      projectId,
      credentials,
      apiEndpoint: config.apiEndpoint,
      keepVersions: config.keepVersions,
      supersededVersions: config.supersededVersions,
      ...options.gcpTransport,
      limiter,
      retry: options.retry,
    });
  }
  if (config.type === 'json' || config.type === 'dotenv')
    return openFileTarget(config.type, isAbsolute(config.path) ? config.path : join(options.baseDir, config.path));
  throw new SyncError('ERR_PROVIDER', `target ${name}: type "${config.type}" is not available in this build`, {
    target: name,
  });
}

/**
 * Opens every target of the map that has entries or owned secrets to look after (all of them).
 *
 * @example
 * const providers = await openProviders(map, snapshot.records, { baseDir: dirname(mapPath) });
 */
export async function openProviders(
  map: SyncMap,
  records: readonly DecryptedRecord[],
  options: OpenProvidersOptions,
): Promise<Map<string, Provider>> {
  const out = new Map<string, Provider>();
  for (const [name, config] of Object.entries(map.targets))
    out.set(name, await openProvider(name, config, records, options));
  return out;
}
