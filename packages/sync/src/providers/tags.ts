// Tag names and the value sanitising every provider shares.
import type { OwnershipTags } from '../provider.js';

/** Tag keys ksm-sync writes (AWS tags, Vault custom_metadata keys, sidecar fields). */
export const TAG_KEYS = { owner: 'ksm-sync:owner', source: 'ksm-sync:source', hash: 'ksm-sync:hash' } as const;

/**
 * Our tags from a provider's key/value list, or null when the owner tag is missing.
 *
 * @example
 * readTags({ 'ksm-sync:owner': 'prod', 'ksm-sync:hash': 'h1:…' }); // { owner: 'prod', hash: 'h1:…', source: undefined }
 */
export function readTags(pairs: Readonly<Record<string, string | undefined>>): Partial<OwnershipTags> | null {
  const owner = pairs[TAG_KEYS.owner];
  if (owner === undefined) return null;
  return { owner, source: pairs[TAG_KEYS.source], hash: pairs[TAG_KEYS.hash] };
}

/**
 * Our tags as key/value pairs, values limited to the characters every provider accepts (others become `_`).
 *
 * @example
 * tagPairs({ owner: 'prod', source: 'UID/field/password', hash: 'h1:x' });
 */
export function tagPairs(tags: OwnershipTags): Record<string, string> {
  const clean = (value: string) => value.replace(/[^\p{L}\p{N} _.:/=+@-]/gu, '_').slice(0, 256);
  return {
    [TAG_KEYS.owner]: clean(tags.owner),
    [TAG_KEYS.source]: clean(tags.source),
    [TAG_KEYS.hash]: clean(tags.hash),
  };
}
