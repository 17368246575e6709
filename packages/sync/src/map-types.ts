// The map file's shape after validation: targets with their settings, entries mapping destination names to Keeper sources.

/** What to do with a destination edited out of band since our last write. */
export type DriftPolicy = 'overwrite' | 'skip' | 'fail';

/** Common policy settings of every target. */
export interface TargetPolicy {
  readonly drift?: DriftPolicy;
  readonly deleteBudget?: { readonly max?: number; readonly percent?: number };
  readonly rate?: { readonly perSecond?: number; readonly burst?: number };
  readonly concurrency?: number;
  /** What an explicitly absent source does to a secret we own (default delete). */
  readonly onAbsent?: 'delete' | 'keep';
}

/** An AWS Secrets Manager target. */
export interface AwsTargetConfig extends TargetPolicy {
  readonly type: 'aws';
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: string;
  readonly recoveryWindowDays?: number;
  readonly kmsKeyId?: string;
}

/** A HashiCorp Vault KV v2 target. */
export interface VaultTargetConfig extends TargetPolicy {
  readonly type: 'vault';
  readonly address?: string;
  readonly mount?: string;
  readonly namespace?: string;
  readonly prefix?: string;
  readonly caCert?: string;
  readonly credentials?: string;
}

/** An Azure Key Vault target. */
export interface AzureTargetConfig extends TargetPolicy {
  readonly type: 'azure';
  readonly vaultUrl?: string;
  readonly vaultName?: string;
  readonly authorityHost?: string;
  readonly caCert?: string;
  readonly credentials?: string;
}

/** A GCP Secret Manager target. */
export interface GcpTargetConfig extends TargetPolicy {
  readonly type: 'gcp';
  readonly projectId?: string;
  /** Keep this many newest enabled versions; older ones are disabled (or destroyed). */
  readonly keepVersions?: number;
  readonly supersededVersions?: 'disable' | 'destroy';
  readonly apiEndpoint?: string;
  readonly credentials?: string;
}

/** A local file target (`json` object or `dotenv` lines). */
export interface FileTargetConfig extends TargetPolicy {
  readonly type: 'json' | 'dotenv';
  readonly path: string;
}

/** Any target. */
export type TargetConfig = AwsTargetConfig | VaultTargetConfig | AzureTargetConfig | GcpTargetConfig | FileTargetConfig;

/** Value encodings of an entry. */
export type EntryFormat = 'raw' | 'json' | 'base64' | 'file';

/** One destination name ← one Keeper notation. */
export interface NotationEntry {
  readonly target: string;
  readonly name: string;
  readonly notation: string;
  readonly format?: 'raw' | 'base64' | 'file';
}

/** One JSON secret of a whole record. */
export interface RecordEntry {
  readonly target: string;
  readonly name: string;
  readonly record: string;
  readonly prefix?: string;
  readonly format?: 'json';
}

/** One JSON secret per record of a folder, or one for the whole folder. */
export interface FolderEntry {
  readonly target: string;
  readonly name: string;
  readonly folder: string;
  readonly per?: 'record' | 'folder';
  readonly prefix?: string;
  readonly format?: 'json';
}

/** One JSON secret whose keys come from several notations (Keeper's `name+jsonKey`). */
export interface FieldsEntry {
  readonly target: string;
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly format?: 'json';
}

/** Any map entry. */
export type MapEntry = NotationEntry | RecordEntry | FolderEntry | FieldsEntry;

/** A validated map file. */
export interface SyncMap {
  readonly version: 1;
  readonly job: string;
  readonly keeper?: { readonly profile?: string; readonly iniFile?: string };
  readonly hashKey?: string;
  readonly targets: Readonly<Record<string, TargetConfig>>;
  readonly entries: readonly MapEntry[];
}
