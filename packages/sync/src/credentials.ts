// Target credentials from a Keeper record (never from the map file): fields found by label, Keeper's `ksm sync` labels included.
import type { DecryptedRecord } from '@ksmkit/core';
import { SyncError } from './errors.js';

/**
 * The first value of the field whose label (or type) matches one of `labels`, case-insensitively.
 *
 * @example
 * credentialField(record, ['AWS Access Key ID', 'Access Key ID']);
 */
export function credentialField(record: DecryptedRecord, labels: readonly string[]): string | undefined {
  const wanted = labels.map((label) => label.toLowerCase());
  for (const field of [...record.data.fields, ...(record.data.custom ?? [])]) {
    const name = (field.label ?? field.type).toLowerCase();
    const value = field.value[0];
    if (wanted.includes(name) && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The record a target's `credentials` names (a UID, or `keeper://UID`), or an `ERR_PROVIDER` error.
 *
 * @example
 * const record = credentialRecord(records, 'prod', target.credentials);
 */
export function credentialRecord(
  records: readonly DecryptedRecord[],
  target: string,
  reference: string,
): DecryptedRecord {
  const uid = reference.replace(/^keeper:\/\//, '').split('/')[0] ?? '';
  const record = records.find((r) => r.recordUid === uid);
  if (record === undefined)
    throw new SyncError(
      'ERR_PROVIDER',
      `target ${target}: the credentials record ${uid} is not shared with this application`,
      { target },
    );
  return record;
}

/** Labels of AWS credential fields (Keeper's `ksm sync` labels first). */
export const AWS_LABELS = {
  accessKeyId: ['AWS Access Key ID', 'Access Key ID', 'aws_access_key_id'],
  secretAccessKey: ['AWS Secret Access Key', 'Secret Access Key', 'aws_secret_access_key'],
  region: ['AWS Region Name', 'AWS Region', 'Region', 'aws_region'],
} as const;

/** Labels of Vault credential fields. */
export const VAULT_LABELS = {
  token: ['Vault Token', 'Token', 'VAULT_TOKEN'],
  address: ['Vault Address', 'Address', 'VAULT_ADDR'],
} as const;

/** Labels of Azure credential fields (Keeper's `ksm sync` labels). */
export const AZURE_LABELS = {
  tenantId: ['Azure Tenant ID', 'Tenant ID'],
  clientId: ['Azure Client ID', 'Client ID'],
  clientSecret: ['Azure Client Secret', 'Client Secret'],
  vaultName: ['Azure Key Vault Name', 'Key Vault Name'],
} as const;

/** Labels of GCP credential fields (Keeper's `ksm sync` labels). */
export const GCP_LABELS = {
  projectId: ['Google Cloud Project ID', 'Project ID'],
  applicationCredentials: ['Google Application Credentials'],
} as const;
