// Test support: a real data directory (server key, TLS, settings, SQLite) filled by an owner-side fixture.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  base64Encode,
  createOneTimeToken,
  createRecord,
  encryptAppData,
  encryptFolderData,
  generateAesKey,
  generateEcKeyPair,
  generateRecordUid,
  type RecordData,
  wrapKey,
  wrapSubFolderKey,
} from '@ksmkit/core';
import { createServerKey, type ServerKey } from '../server/server-key.js';
import { createTls } from '../server/tls.js';
import { dataDirPaths, ensureDataDir, writeJsonAtomic } from '../store/data-dir.js';
import { type Database, openDatabase } from '../store/open-database.js';
import { DEFAULT_SETTINGS } from '../store/settings.js';

/** A fixture vault: the owner's raw keys and helpers that write ciphertext only. */
export interface FixtureVault {
  readonly dataDir: string;
  readonly db: Database;
  readonly serverKey: ServerKey;
  readonly ownerPublicKey: Uint8Array<ArrayBuffer>;
  readonly appUid: string;
  readonly appKey: Uint8Array<ArrayBuffer>;
  readonly folderKeys: Map<string, Uint8Array<ArrayBuffer>>;
  readonly recordKeys: Map<string, Uint8Array<ArrayBuffer>>;
  addFolder(name: string, options?: { parentUid?: string; share?: 'editable' | 'read-only' | 'none' }): Promise<string>;
  addRecord(data: RecordData, options: { folderUid?: string; direct?: 'editable' | 'read-only' }): Promise<string>;
  addClient(options?: { unlockIp?: boolean; tokenExpiresAt?: number; accessExpiresAt?: number | null }): Promise<{
    token: string;
    clientId: string;
  }>;
}

/**
 * Creates a data directory with one app (title `appTitle`), owner keys kept in memory only.
 *
 * @example
 * const vault = await createFixtureVault({ throttle: { requests: 100, windowSeconds: 10 } });
 */
export async function createFixtureVault(
  options: { appTitle?: string; throttle?: { requests: number; windowSeconds: number } } = {},
): Promise<FixtureVault> {
  // A sub-directory, so the owner directory beside it (`vault-owner`) stays inside the temporary root.
  const dataDir = join(mkdtempSync(join(tmpdir(), 'ksmkit-vault-')), 'vault');
  ensureDataDir(dataDir);
  const serverKey = await createServerKey(dataDir);
  await createTls(dataDir);
  const owner = await generateEcKeyPair();
  writeJsonAtomic(dataDirPaths(dataDir).settings, {
    ...DEFAULT_SETTINGS,
    throttle: options.throttle ?? DEFAULT_SETTINGS.throttle,
    ownerPublicKey: base64Encode(owner.publicKey),
  });
  const db = openDatabase(dataDirPaths(dataDir).database);
  const ownerKey = generateAesKey();
  const appKey = generateAesKey();
  const appUid = generateRecordUid();
  const now = Date.now();
  db.prepare('INSERT INTO apps (uid, owner_app_key, app_data, created_at) VALUES (?, ?, ?, ?)').run(
    appUid,
    await wrapKey(ownerKey, appKey),
    await encryptAppData(appKey, { title: options.appTitle ?? 'fixture app', type: 'app' }),
    now,
  );
  const folderKeys = new Map<string, Uint8Array<ArrayBuffer>>();
  const rootOf = new Map<string, string>();
  const recordKeys = new Map<string, Uint8Array<ArrayBuffer>>();
  let tick = 0;
  return {
    dataDir,
    db,
    serverKey,
    ownerPublicKey: owner.publicKey,
    appUid,
    appKey,
    folderKeys,
    recordKeys,
    async addFolder(name, folderOptions = {}) {
      const uid = generateRecordUid();
      const key = generateAesKey();
      folderKeys.set(uid, key);
      const parentUid = folderOptions.parentUid ?? null;
      const rootUid = parentUid === null ? uid : (rootOf.get(parentUid) as string);
      rootOf.set(uid, rootUid);
      const rootKey = folderKeys.get(rootUid) as Uint8Array<ArrayBuffer>;
      db.prepare(
        'INSERT INTO folders (uid, parent_uid, root_uid, owner_key, root_wrapped_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        uid,
        parentUid,
        rootUid,
        await wrapKey(ownerKey, key),
        parentUid === null ? null : await wrapSubFolderKey(rootKey, key),
        await encryptFolderData(key, { name }),
        now + tick++,
      );
      const share = folderOptions.share ?? (parentUid === null ? 'editable' : 'none');
      if (share !== 'none') {
        db.prepare('INSERT INTO shares (app_uid, kind, target_uid, editable, wrapped_key) VALUES (?, ?, ?, ?, ?)').run(
          appUid,
          'folder',
          uid,
          share === 'editable' ? 1 : 0,
          await wrapKey(appKey, key),
        );
      }
      return uid;
    },
    async addRecord(data, recordOptions) {
      const folderUid = recordOptions.folderUid;
      const rootUid = folderUid === undefined ? undefined : (rootOf.get(folderUid) as string);
      const wrappingKey = rootUid === undefined ? appKey : (folderKeys.get(rootUid) as Uint8Array<ArrayBuffer>);
      const record = await createRecord({ data, wrappingKey, ownerPublicKey: owner.publicKey });
      recordKeys.set(record.recordUid, record.recordKey);
      db.prepare(
        `INSERT INTO records (uid, folder_uid, inner_folder_uid, folder_wrapped_key, owner_wrapped_key, data, revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).run(
        record.recordUid,
        rootUid ?? null,
        folderUid !== undefined && folderUid !== rootUid ? folderUid : null,
        rootUid === undefined ? null : record.wrappedRecordKey,
        record.ownerRecordKey,
        record.encryptedData,
        now + tick,
        now + tick++,
      );
      if (recordOptions.direct !== undefined) {
        db.prepare('INSERT INTO shares (app_uid, kind, target_uid, editable, wrapped_key) VALUES (?, ?, ?, ?, ?)').run(
          appUid,
          'record',
          record.recordUid,
          recordOptions.direct === 'editable' ? 1 : 0,
          await wrapKey(appKey, record.recordKey),
        );
      }
      return record.recordUid;
    },
    async addClient(clientOptions = {}) {
      const ott = await createOneTimeToken(appKey);
      db.prepare(
        `INSERT INTO clients (client_id, app_uid, name, encrypted_app_key, unlock_ip, token_expires_at, access_expires_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        ott.clientId,
        appUid,
        'device',
        ott.encryptedAppKey,
        clientOptions.unlockIp ? 1 : 0,
        clientOptions.tokenExpiresAt ?? Date.now() + 3_600_000,
        clientOptions.accessExpiresAt ?? null,
        Date.now(),
      );
      return { token: ott.token, clientId: ott.clientId };
    },
  };
}
