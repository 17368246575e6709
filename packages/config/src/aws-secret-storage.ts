// A KeyValueStorage kept as one AWS Secrets Manager secret (default `ksm-config`), like Keeper's AWS config storage.
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import { fromIni, fromInstanceMetadata, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { KeyValueStorage } from '@ksmkit/core';
import { DEVICE_CONFIG_KEYS, utf8Decode } from '@ksmkit/core';
import { writeFileAtomic } from './atomic-file.js';
import { ConfigError } from './errors.js';
import { createJsonFileStorage } from './json-file-storage.js';
import { parseStoredConfig } from './stored-config.js';

/** Secret name used when none is given (Keeper's default). */
export const DEFAULT_AWS_SECRET = 'ksm-config';

/** How AWS credentials are found: instance role, a named/default profile, explicit keys, or the default chain. */
export type AwsCredentialSource = 'ec2instance' | 'profile' | 'keys' | 'default';

/** Options of `createAwsSecretStorage`. Access keys are secrets: never logged, never put in messages. */
export interface AwsSecretStorageOptions {
  /** Secret name or full ARN; default `ksm-config`. */
  readonly secret?: string | undefined;
  /** Credential source; default `default` (the SDK's provider chain: env, profile, SSO, container, instance role). */
  readonly credentials?: AwsCredentialSource | undefined;
  /** AWS profile name for `profile` (default profile when absent). */
  readonly profile?: string | undefined;
  /** Shared credentials / config file paths for `profile` (defaults: the SDK's `~/.aws/…`). */
  readonly sharedCredentialsFile?: string | undefined;
  readonly sharedConfigFile?: string | undefined;
  /** For `keys`: the access key pair. */
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  /** Region; default: from an ARN secret, else the SDK's own resolution (AWS_REGION, profile). Required for `keys`. */
  readonly region?: string | undefined;
  /** Keeper's `fallback`: when the chosen credentials fail on read, retry with the default provider chain. */
  readonly fallbackToDefaultCredentials?: boolean | undefined;
  /** A local JSON config file: refreshed after each successful read, and read instead when AWS is unreachable. */
  readonly fallbackFile?: string | undefined;
  /** Custom endpoint (a local mock, a VPC endpoint). */
  readonly endpoint?: string | undefined;
  /** Per-attempt connection / request timeouts in ms; defaults 5000 / 15000. */
  readonly connectionTimeoutMs?: number | undefined;
  readonly requestTimeoutMs?: number | undefined;
}

/** A storage bound to one AWS secret. */
export interface AwsSecretStorage extends KeyValueStorage {
  readonly secret: string;
  /** Where the last read came from: `aws`, or `fallback-file` when AWS was unreachable. */
  lastSource(): 'aws' | 'fallback-file' | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
]);

function isUnreachable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e?.$metadata?.httpStatusCode !== undefined && e.$metadata.httpStatusCode < 500) return false;
  if (NETWORK_CODES.has(e?.code ?? '') || NETWORK_CODES.has(e?.name ?? '')) return true;
  return e?.cause !== undefined && e.cause !== error && isUnreachable(e.cause);
}

function regionOf(options: AwsSecretStorageOptions, secret: string): string | undefined {
  return options.region ?? /^arn:aws[\w-]*:secretsmanager:([^:]+):/i.exec(secret)?.[1];
}

function makeClient(options: AwsSecretStorageOptions, secret: string, useDefault: boolean): SecretsManagerClient {
  const source = useDefault ? 'default' : (options.credentials ?? 'default');
  let credentials: SecretsManagerClientConfig['credentials'];
  if (source === 'keys') {
    if (!options.accessKeyId || !options.secretAccessKey || !regionOf(options, secret)) {
      throw new ConfigError(
        'ERR_AWS_FAILED',
        'AWS credentials "keys" need an access key id, a secret access key and a region',
        { reason: 'missing-keys' },
      );
    }
    credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  } else if (source === 'profile') {
    credentials = fromIni({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.sharedCredentialsFile ? { filepath: options.sharedCredentialsFile } : {}),
      ...(options.sharedConfigFile ? { configFilepath: options.sharedConfigFile } : {}),
    });
  } else if (source === 'ec2instance') {
    credentials = fromInstanceMetadata({ timeout: 1000, maxRetries: 1 });
  } else {
    credentials = fromNodeProviderChain();
  }
  const region = regionOf(options, secret);
  return new SecretsManagerClient({
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? 15_000,
    },
  });
}

/** The config object inside a secret value: JSON, or base64 of JSON (as Keeper's reader accepts). */
function parseSecret(text: string, secret: string): Record<string, string> {
  const record = parseStoredConfig(text);
  if (record === undefined) {
    throw new ConfigError('ERR_CONFIG_FILE_INVALID', `AWS secret "${secret}" does not hold a KSM config JSON object`, {
      secret,
    });
  }
  return record;
}

/** Keeper's layout: sorted keys, 4-space indent. */
function serializeSecret(record: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted, null, 4);
}

function awsError(secret: string, error: unknown): ConfigError {
  const name = (error as { name?: string })?.name ?? 'Error';
  if (name === 'ResourceNotFoundException') {
    return new ConfigError(
      'ERR_AWS_SECRET_NOT_FOUND',
      `AWS secret "${secret}" does not exist`,
      { secret },
      { cause: error },
    );
  }
  if (isUnreachable(error)) {
    return new ConfigError(
      'ERR_AWS_UNREACHABLE',
      `AWS Secrets Manager is unreachable (${name}); check the network or configure a fallback file`,
      { secret, error: name },
      { cause: error },
    );
  }
  // The AWS error name (AccessDeniedException, CredentialsProviderError, …) tells what to fix; its message may
  // carry account ids and ARNs, so it stays in `cause` only.
  return new ConfigError(
    'ERR_AWS_FAILED',
    `AWS Secrets Manager request for "${secret}" failed (${name})`,
    {
      secret,
      error: name,
    },
    { cause: error },
  );
}

/**
 * A storage whose keys live in one AWS Secrets Manager secret as a flat JSON config (the layout Keeper's AWS
 * storage and `ksm profile setup --type aws` use; base64 JSON is accepted on read). Read once, then cached; each
 * write puts the whole JSON (creating the secret when missing). With `fallbackFile`, every successful read
 * refreshes that local 0600 JSON file and a read while AWS is unreachable is served from it. Throws
 * `ERR_AWS_SECRET_NOT_FOUND`, `ERR_AWS_UNREACHABLE`, `ERR_AWS_FAILED` (AWS error name only),
 * `ERR_CONFIG_FILE_INVALID`.
 *
 * @example
 * const storage = createAwsSecretStorage({ credentials: 'ec2instance', fallbackFile: '/var/lib/app/ksm.json' });
 * const config = await readDeviceConfig(storage);
 */
export function createAwsSecretStorage(options: AwsSecretStorageOptions = {}): AwsSecretStorage {
  const secret = options.secret || DEFAULT_AWS_SECRET;
  let client: SecretsManagerClient | undefined;
  let cache: Record<string, string> | undefined;
  let exists = false;
  let source: 'aws' | 'fallback-file' | undefined;
  const primary = () => {
    client ??= makeClient(options, secret, false);
    return client;
  };

  async function fetchFrom(sm: SecretsManagerClient): Promise<Record<string, string> | undefined> {
    try {
      const out = await sm.send(new GetSecretValueCommand({ SecretId: secret }));
      const text =
        out.SecretString ?? (out.SecretBinary ? utf8Decode(out.SecretBinary as Uint8Array<ArrayBuffer>) : '');
      exists = true;
      return text.trim() === '' ? {} : parseSecret(text, secret);
    } catch (error) {
      if ((error as { name?: string })?.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  async function load(): Promise<Record<string, string>> {
    if (cache !== undefined) return cache;
    let record: Record<string, string> | undefined;
    try {
      try {
        record = await fetchFrom(primary());
      } catch (error) {
        if (options.fallbackToDefaultCredentials !== true || isUnreachable(error) || error instanceof ConfigError)
          throw error;
        record = await fetchFrom(makeClient(options, secret, true));
      }
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      if (options.fallbackFile !== undefined && isUnreachable(error)) {
        const file = createJsonFileStorage(options.fallbackFile);
        const fallback: Record<string, string> = {};
        for (const key of DEVICE_CONFIG_KEYS) {
          const value = await file.getString(key);
          if (value !== undefined) fallback[key] = value;
        }
        if (Object.keys(fallback).length === 0) throw awsError(secret, error);
        source = 'fallback-file';
        cache = fallback;
        return cache;
      }
      throw awsError(secret, error);
    }
    source = 'aws';
    cache = record ?? {};
    if (options.fallbackFile !== undefined && record !== undefined && Object.keys(record).length > 0) {
      await writeFileAtomic(options.fallbackFile, `${JSON.stringify(record, null, 2)}\n`);
    }
    return cache;
  }

  async function save(record: Record<string, string>): Promise<void> {
    if (source === 'fallback-file') {
      throw new ConfigError(
        'ERR_AWS_UNREACHABLE',
        `AWS Secrets Manager was unreachable; the config came from the fallback file and cannot be changed now`,
        { secret },
      );
    }
    const value = serializeSecret(record);
    try {
      if (exists) await primary().send(new PutSecretValueCommand({ SecretId: secret, SecretString: value }));
      else {
        await primary().send(new CreateSecretCommand({ Name: secret, SecretString: value }));
        exists = true;
      }
    } catch (error) {
      throw awsError(secret, error);
    }
    cache = record;
    if (options.fallbackFile !== undefined)
      await writeFileAtomic(options.fallbackFile, `${JSON.stringify(record, null, 2)}\n`);
  }

  return {
    secret,
    lastSource: () => source,
    getString: async (key) => (await load())[key],
    saveString: async (key, value) => {
      const record = { ...(await load()), [key]: value };
      await save(record);
    },
    delete: async (key) => {
      const current = await load();
      if (!Object.hasOwn(current, key)) return;
      const { [key]: _removed, ...rest } = current;
      await save(rest);
    },
  };
}
