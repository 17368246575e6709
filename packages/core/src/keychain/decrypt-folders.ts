// Device side of get_folders: root shared folder keys (GCM under the app key), sub-folder keys (CBC under the
// ROOT shared folder key) and every folder's CBC-encrypted name (spec §5.2).
import { cbcDecrypt } from '../crypto/aes-cbc.js';
import { gcmDecrypt } from '../crypto/aes-gcm.js';
import { type FolderKey, importAesKey, importFolderKey } from '../crypto/aes-key.js';
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import { KsmError } from '../errors.js';
import { arrayOrEmpty, isObject, requireStrings, stringOrNull } from './open-blobs.js';
import { type SkippedItem, skipCode } from './skipped.js';

/** A folder of get_folders with its name and key. */
export interface DecryptedFolder {
  readonly folderUid: string;
  /** Direct parent (shared folder or sub-folder); null for a root shared folder. */
  readonly parentUid: string | null;
  readonly name: string;
  readonly folderKey: FolderKey;
}

/** The folders a get_folders response decrypts to, in response order, plus what was skipped. */
export interface DecryptedFolders {
  readonly folders: DecryptedFolder[];
  readonly skipped: SkippedItem[];
}

interface Entry {
  readonly folderUid: string;
  readonly parentUid: string | null;
  readonly folderKey: string;
  readonly data: string | null;
}

/** Walks parents up to the root shared folder; null when the chain is broken or cyclic. */
function rootOf(entry: Entry, byUid: ReadonlyMap<string, Entry>): string | null {
  let current = entry;
  for (let steps = 0; steps <= byUid.size; steps++) {
    if (current.parentUid === null) return current.folderUid;
    const parent = byUid.get(current.parentUid);
    if (parent === undefined) return null;
    current = parent;
  }
  return null;
}

/**
 * Decrypts the JSON of a get_folders response with the app key. Works in any order (the SDKs need ancestors
 * first; this reader does not). A folder that cannot be opened, or whose parent chain does not reach a root
 * shared folder in the response, is listed in `skipped`.
 *
 * @example
 * const { folders } = await decryptFolders(await decryptResponse(request.responseKey, body), { appKey });
 */
export async function decryptFolders(
  response: unknown,
  keys: { readonly appKey: Uint8Array<ArrayBuffer> },
): Promise<DecryptedFolders> {
  if (!isObject(response)) throw new KsmError('ERR_INVALID_INPUT', 'A get_folders response must be a JSON object');
  const appCryptoKey = await importAesKey(keys.appKey);
  const skipped: SkippedItem[] = [];
  const entries: (Entry | null)[] = arrayOrEmpty(response.folders).map((raw) => {
    try {
      if (!isObject(raw)) throw new KsmError('ERR_INVALID_RECORD', 'A folder entry must be an object');
      requireStrings(raw, ['folderUid', 'folderKey'], 'folder');
      return {
        folderUid: raw.folderUid as string,
        parentUid: stringOrNull(raw.parent) || null,
        folderKey: raw.folderKey as string,
        data: stringOrNull(raw.data),
      };
    } catch (error) {
      const uid = isObject(raw) ? stringOrNull(raw.folderUid) : null;
      skipped.push({ kind: 'folder', uid, parentUid: null, code: skipCode(error) });
      return null;
    }
  });
  const byUid = new Map<string, Entry>();
  for (const entry of entries) if (entry !== null) byUid.set(entry.folderUid, entry);

  const rootKeys = new Map<string, Promise<FolderKey>>();
  for (const entry of byUid.values()) {
    if (entry.parentUid === null) {
      const wrapped = entry.folderKey;
      const key = Promise.resolve().then(async () =>
        importFolderKey(await gcmDecrypt(appCryptoKey, base64Decode(wrapped))),
      );
      rootKeys.set(entry.folderUid, key);
    }
  }
  const opened = await Promise.all(
    entries.map(async (entry): Promise<DecryptedFolder | null> => {
      if (entry === null) return null;
      try {
        let folderKey = rootKeys.get(entry.folderUid);
        if (folderKey === undefined) {
          const root = rootOf(entry, byUid);
          const rootKey = root === null ? undefined : rootKeys.get(root);
          if (rootKey === undefined) {
            throw new KsmError('ERR_INVALID_RECORD', 'The folder has no root shared folder in the response');
          }
          folderKey = rootKey.then(async (key) =>
            importFolderKey(await cbcDecrypt(key.cbc, base64Decode(entry.folderKey))),
          );
        }
        const key = await folderKey;
        const name = entry.data === null ? '' : await folderName(key, entry.data);
        return { folderUid: entry.folderUid, parentUid: entry.parentUid, name, folderKey: key };
      } catch (error) {
        skipped.push({ kind: 'folder', uid: entry.folderUid, parentUid: entry.parentUid, code: skipCode(error) });
        return null;
      }
    }),
  );
  return { folders: opened.filter((f): f is DecryptedFolder => f !== null), skipped };
}

async function folderName(key: FolderKey, data: string): Promise<string> {
  const value: unknown = JSON.parse(utf8Decode(await cbcDecrypt(key.cbc, base64Decode(data))));
  return isObject(value) && typeof value.name === 'string' ? value.name : '';
}
