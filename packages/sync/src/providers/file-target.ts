// Local file targets (`json`, `dotenv`): keys owned through a sidecar of tags; one atomic rewrite at the end, only when changed.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@ksmkit/config';
import { base64Encode } from '@ksmkit/core';
import type { Hasher } from '../hash.js';
import type { CallCounts, OwnershipTags, Provider, RemoteSecret, SecretValue } from '../provider.js';
import { formatDotenv, parseDotenv } from './dotenv-text.js';

interface Sidecar {
  readonly version: 1;
  readonly secrets: Record<string, OwnershipTags>;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A Provider over one local file. Values and tags are kept in memory and written (file 0600, atomically, then the
 * `<file>.ksm-sync.json` sidecar of hashes) by `flush`, only when something changed. Keys without a sidecar entry are
 * someone else's and are kept as they are.
 *
 * @example
 * const out = await openFileTarget('dotenv', '.env.production');
 */
export async function openFileTarget(kind: 'json' | 'dotenv', path: string): Promise<Provider> {
  const calls: CallCounts = { reads: 0, writes: 0, retries: 0 };
  const sidecarPath = `${path}.ksm-sync.json`;
  const text = await readText(path);
  const values = new Map<string, string>(
    text === null
      ? []
      : kind === 'dotenv'
        ? parseDotenv(text)
        : Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
  );
  const sidecarText = await readText(sidecarPath);
  const tags = new Map(Object.entries(sidecarText === null ? {} : (JSON.parse(sidecarText) as Sidecar).secrets));
  calls.reads += 2;
  let dirty = false;
  const encode = (value: SecretValue) =>
    value.binary ? base64Encode(value.bytes) : new TextDecoder().decode(value.bytes);
  const set = (name: string, value: string | undefined, tag: OwnershipTags | undefined) => {
    if (value === undefined) values.delete(name);
    else values.set(name, value);
    if (tag === undefined) tags.delete(name);
    else tags.set(name, tag);
    dirty = true;
  };
  return {
    kind,
    calls,
    async listOwned(owner) {
      return [...tags]
        .filter(([name, tag]) => tag.owner === owner && values.has(name))
        .map(([name, tag]): RemoteSecret => ({ name, tags: tag }));
    },
    async describe(name) {
      return values.has(name) ? { name, tags: tags.get(name) ?? null } : null;
    },
    async readHashes(names, hash: Hasher) {
      const out = new Map<string, string>();
      for (const name of names) {
        const value = values.get(name);
        if (value !== undefined) out.set(name, hash(name, new TextEncoder().encode(value)));
      }
      return out;
    },
    async create(name, value, tag) {
      set(name, encode(value), tag);
    },
    async update(name, value, tag) {
      set(name, encode(value), tag);
    },
    async retag(name, tag) {
      set(name, values.get(name), tag);
    },
    async delete(name) {
      set(name, undefined, undefined);
    },
    stored: (value) =>
      value.binary ? { bytes: new TextEncoder().encode(base64Encode(value.bytes)), binary: false } : value,
    async flush() {
      if (!dirty) return;
      const body =
        kind === 'dotenv' ? formatDotenv(values) : `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`;
      await writeFileAtomic(path, body);
      const sidecar: Sidecar = {
        version: 1,
        secrets: Object.fromEntries([...tags].filter(([name]) => values.has(name))),
      };
      await writeFileAtomic(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
      calls.writes += 2;
      dirty = false;
    },
  };
}
