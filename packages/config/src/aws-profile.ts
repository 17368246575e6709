// keeper.ini profiles with `storage = aws` (as `ksm profile setup --type aws` writes them) to AWS storage options.
import type { KeyValueStorage } from '@ksmkit/core';
import {
  type AwsCredentialSource,
  type AwsSecretStorageOptions,
  createAwsSecretStorage,
  DEFAULT_AWS_SECRET,
} from './aws-secret-storage.js';
import { ConfigError } from './errors.js';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);

/**
 * Storage options from the settings of an `aws` profile. Keeper's keys: `provider` (`ec2instance` default,
 * `profile`, `keys`; `custom` is read as `keys`, as Keeper's own setup writes it), `secret` (default `ksm-config`),
 * `fallback` (Keeper's: retry with the default credential chain), `profile`, `aws_access_key_id`,
 * `aws_secret_access_key`, `region`. ksmkit's extra keys: `fallback_file`, `endpoint`. Throws `ERR_AWS_FAILED` for
 * an unknown provider.
 *
 * @example
 * awsOptionsFromProfile({ provider: 'profile', profile: 'ci', secret: 'ksm-config' });
 */
export function awsOptionsFromProfile(settings: Readonly<Record<string, string>>): AwsSecretStorageOptions {
  const provider = settings.provider || 'ec2instance';
  const credentials: AwsCredentialSource | undefined =
    provider === 'custom'
      ? 'keys'
      : (['ec2instance', 'profile', 'keys', 'default'] as const).find((p) => p === provider);
  if (credentials === undefined) {
    throw new ConfigError(
      'ERR_AWS_FAILED',
      `Unknown AWS credentials provider "${provider}" (expected ec2instance, profile or keys)`,
      {
        reason: 'provider',
        provider,
      },
    );
  }
  return {
    secret: settings.secret || DEFAULT_AWS_SECRET,
    credentials,
    profile: settings.profile || undefined,
    accessKeyId: settings.aws_access_key_id || undefined,
    secretAccessKey: settings.aws_secret_access_key || undefined,
    region: settings.region || undefined,
    fallbackToDefaultCredentials: TRUE_WORDS.has((settings.fallback ?? '').toLowerCase()),
    fallbackFile: settings.fallback_file || undefined,
    endpoint: settings.endpoint || undefined,
  };
}

/**
 * The profile settings that `setExternalProfile(doc, name, 'aws', settings)` stores for `options`, in Keeper's
 * key names (`provider = keys` for access keys, `fallback = True` for default-chain fallback).
 *
 * @example
 * setExternalProfile(doc, 'cloud', 'aws', awsProfileSettings({ credentials: 'ec2instance' }));
 */
export function awsProfileSettings(options: AwsSecretStorageOptions): Record<string, string> {
  const settings: Record<string, string> = { provider: options.credentials ?? 'ec2instance' };
  if (options.credentials === 'profile') settings.profile = options.profile ?? '';
  if (options.credentials === 'keys') {
    settings.aws_access_key_id = options.accessKeyId ?? '';
    settings.aws_secret_access_key = options.secretAccessKey ?? '';
    settings.region = options.region ?? '';
  } else if (options.region) settings.region = options.region;
  settings.secret = options.secret || DEFAULT_AWS_SECRET;
  if (options.fallbackToDefaultCredentials) settings.fallback = 'True';
  if (options.fallbackFile) settings.fallback_file = options.fallbackFile;
  if (options.endpoint) settings.endpoint = options.endpoint;
  return settings;
}

/**
 * The `openExternal` for `resolveConfig` that opens `storage = aws` profiles; other types throw
 * `ERR_PROFILE_EXTERNAL`.
 *
 * @example
 * await resolveConfig({ env: process.env, cwd: process.cwd(), homedir: os.homedir(), openExternal: openAwsProfile });
 */
export function openAwsProfile(
  storage: string,
  settings: Readonly<Record<string, string>>,
  profile: string,
): KeyValueStorage {
  if (storage !== 'aws') {
    throw new ConfigError(
      'ERR_PROFILE_EXTERNAL',
      `Profile "${profile}" uses storage "${storage}", which ksmkit does not support`,
      {
        profile,
        storage,
      },
    );
  }
  return createAwsSecretStorage(awsOptionsFromProfile(settings));
}
