// What the model may see of the vault: records and folders inside the folder scope, cached briefly, values remembered.
import type { DecryptedFolder, DecryptedRecord, KsmClient } from '@ksmkit/core';
import { McpServerError } from './errors.js';
import type { Scrubber } from './scrubber.js';
import { isSecretField, stringLeaves } from './secret-fields.js';

/** The scoped vault at one moment. */
export interface VaultSnapshot {
  readonly records: readonly DecryptedRecord[];
  readonly folders: readonly DecryptedFolder[];
  /** Folder UID → name, for every folder in scope. */
  readonly folderNames: ReadonlyMap<string, string>;
  readonly expiresOn: number | null;
  readonly warnings: readonly string[];
}

/** Reads the scoped vault; writes call `invalidate`. */
export interface VaultView {
  snapshot(signal?: AbortSignal): Promise<VaultSnapshot>;
  /** The record with this UID, or ERR_NOT_FOUND (records outside the scope do not exist for the model). */
  record(uid: string, signal?: AbortSignal): Promise<DecryptedRecord>;
  /** True when a folder UID is inside the scope (or there is no scope). */
  folderInScope(folderUid: string, snapshot: VaultSnapshot): boolean;
  invalidate(): void;
}

/** Options of `createVaultView`. */
export interface VaultViewOptions {
  readonly client: KsmClient;
  readonly scrubber: Scrubber;
  /** Folder UIDs or names; only records below them exist. Empty or absent: the whole app. */
  readonly folderScope?: readonly string[] | undefined;
  /** How long a snapshot is reused (the client's memory cache has the same TTL). */
  readonly ttlMs: number;
  readonly clock?: () => number;
}

/**
 * Creates the scoped view. Every secret value of every record read is handed to the scrubber at once.
 *
 * @example
 * const view = createVaultView({ client, scrubber, folderScope: ['Ops'], ttlMs: 30_000 });
 * const { records } = await view.snapshot();
 */
export function createVaultView(options: VaultViewOptions): VaultView {
  const { client, scrubber, ttlMs } = options;
  const clock = options.clock ?? Date.now;
  const scope = new Set(options.folderScope ?? []);
  let cached: { at: number; snapshot: Promise<VaultSnapshot> } | null = null;

  const inScope = (folderUid: string | null, parents: ReadonlyMap<string, DecryptedFolder>): boolean => {
    if (scope.size === 0) return true;
    for (let uid = folderUid, hops = 0; uid !== null && hops < 64; hops++) {
      const folder = parents.get(uid);
      if (scope.has(uid) || (folder !== undefined && scope.has(folder.name))) return true;
      uid = folder?.parentUid ?? null;
    }
    return false;
  };

  const load = async (signal?: AbortSignal): Promise<VaultSnapshot> => {
    const [secrets, folderList] = await Promise.all([client.getSecrets({ signal }), client.getFolders({ signal })]);
    const byUid = new Map(folderList.folders.map((f) => [f.folderUid, f]));
    const records = secrets.records.filter((r) => inScope(r.innerFolderUid ?? r.folderUid, byUid));
    const folders = folderList.folders.filter((f) => inScope(f.folderUid, byUid));
    for (const record of secrets.records) scrubber.remember(secretValues(record));
    return {
      records,
      folders,
      folderNames: new Map(folders.map((f) => [f.folderUid, f.name])),
      expiresOn: secrets.expiresOn,
      warnings: secrets.warnings,
    };
  };

  const view: VaultView = {
    snapshot(signal) {
      const now = clock();
      if (cached === null || now - cached.at >= ttlMs) {
        const snapshot = load(signal);
        cached = { at: now, snapshot };
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = null;
        });
      }
      return cached.snapshot;
    },
    async record(uid, signal) {
      const found = (await view.snapshot(signal)).records.find((r) => r.recordUid === uid);
      if (found === undefined) {
        throw new McpServerError('ERR_NOT_FOUND', 'No record with this UID. Call list_secrets or search_secrets.');
      }
      return found;
    },
    folderInScope(folderUid, snapshot) {
      return scope.size === 0 || snapshot.folderNames.has(folderUid);
    },
    invalidate() {
      cached = null;
    },
  };
  return view;
}

/**
 * Every secret string of a record: secret-typed fields (standard and custom) and the notes.
 *
 * @example
 * scrubber.remember(secretValues(record));
 */
export function secretValues(record: { readonly data: DecryptedRecord['data'] }): string[] {
  const out: string[] = [];
  for (const field of [...record.data.fields, ...(record.data.custom ?? [])]) {
    if (isSecretField(field)) stringLeaves(field.value, out);
  }
  if (typeof record.data.notes === 'string') out.push(record.data.notes);
  return out;
}
