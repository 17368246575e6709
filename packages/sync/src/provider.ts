// What every destination implements: list what a job owns, describe a name, read value hashes, write with tags.
import type { Hasher } from './hash.js';
import type { NamedKind } from './naming-rules.js';

/** The tags (AWS tags, Vault custom_metadata, file sidecar) ksm-sync writes with every value. */
export interface OwnershipTags {
  readonly owner: string;
  readonly source: string;
  readonly hash: string;
}

/** A destination secret as listed: its name and our tags when it has them (never its value). */
export interface RemoteSecret {
  readonly name: string;
  /** Our tags, or null when the secret carries none (not ours). */
  readonly tags: Partial<OwnershipTags> | null;
  /** Scheduled for deletion / soft-deleted: recoverable, the name is taken. */
  readonly softDeleted?: boolean;
}

/** A value to write: bytes, and whether the destination should store them as binary. */
export interface SecretValue {
  readonly bytes: Uint8Array;
  readonly binary: boolean;
}

/** Call counts of a provider, by kind of call. */
export interface CallCounts {
  reads: number;
  writes: number;
  retries: number;
}

/** A destination. Each method is one logical operation; implementations count API calls in `calls`. */
export interface Provider {
  readonly kind: NamedKind;
  readonly calls: CallCounts;
  /** Every secret whose owner tag is `owner`. */
  listOwned(owner: string): Promise<RemoteSecret[]>;
  /** One secret's tags by name, or null when the name is free. */
  describe(name: string): Promise<RemoteSecret | null>;
  /** Hashes of the current values of `names` (at most one read per name); missing names are left out. */
  readHashes(names: readonly string[], hash: Hasher): Promise<Map<string, string>>;
  /** Creates a secret (restoring a soft-deleted one first when `restore`). */
  create(name: string, value: SecretValue, tags: OwnershipTags, options: { readonly restore: boolean }): Promise<void>;
  /** Writes a new value, then the tags (a crash in between leaves the new value and old tags: the next run retags). */
  update(name: string, value: SecretValue, tags: OwnershipTags): Promise<void>;
  /** Rewrites the tags only. */
  retag(name: string, tags: OwnershipTags): Promise<void>;
  /** Deletes a secret, through the provider's recovery window where it has one. */
  delete(name: string): Promise<void>;
  /** Makes buffered writes durable (file targets); a no-op for APIs. */
  flush(): Promise<void>;
  /** The form a value takes at this destination (what is hashed and written), when it differs from the input. */
  stored?(value: SecretValue): SecretValue;
}
