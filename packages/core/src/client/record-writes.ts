// Record writes: create_secret, update_secret (plain or staged), finalize/rollback, delete_secret (spec §5.3-5.6).
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import type { DecryptedFolder } from '../keychain/decrypt-folders.js';
import { encryptRecordData } from '../keychain/owner.js';
import { createRecord } from '../keychain/owner-records.js';
import type { DecryptedRecord } from '../keychain/record-types.js';
import type { RecordData } from '../record/types.js';
import { type DeleteResult, deleteResults } from './delete-results.js';
import { getFolders, locateFolder } from './folders.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/** Options of `createSecret`. */
export interface CreateSecretOptions extends Signal {
  /** A root shared folder or a sub-folder inside one; the app needs edit rights on it. */
  readonly folderUid: string;
  readonly data: RecordData;
  /** A get_folders list to take keys from (saves a round trip); fetched when absent. */
  readonly folders?: readonly DecryptedFolder[] | undefined;
}

/**
 * Creates a record in a shared folder or sub-folder: new record key wrapped under the root shared folder key and
 * ECIES-wrapped for the app owner. Returns the new record UID.
 *
 * @example
 * const uid = await createSecret(ksm, { folderUid, data: { title: 'DB', type: 'login', fields: [] } });
 */
export async function createSecret(session: KsmSession, options: CreateSecretOptions): Promise<string> {
  const core = sessionCore(session);
  const config = await core.boundConfig(options.signal);
  if (config.appOwnerPublicKey === undefined) {
    throw new KsmError('ERR_INVALID_CONFIG', 'The application owner public key is missing from the config', {
      key: 'appOwnerPublicKey',
    });
  }
  const folders = options.folders ?? (await getFolders(session, { signal: options.signal })).folders;
  const { folder, root } = locateFolder(folders, options.folderUid);
  const record = await createRecord({
    data: options.data,
    wrappingKey: root.folderKey.gcm,
    ownerPublicKey: config.appOwnerPublicKey,
  });
  await core.write(
    'create_secret',
    {
      recordUid: record.recordUid,
      recordKey: base64Encode(record.ownerRecordKey as Uint8Array<ArrayBuffer>),
      folderUid: root.folderUid,
      folderKey: base64Encode(record.wrappedRecordKey),
      data: base64UrlEncode(record.encryptedData),
      ...(folder === root ? {} : { subFolderUid: folder.folderUid }),
    },
    options.signal,
  );
  return record.recordUid;
}

/** Options of `updateSecret`. */
export interface UpdateSecretOptions extends Signal {
  /** The new record JSON; default: `record.data` as it is (e.g. after in-place edits). */
  readonly data?: RecordData | undefined;
  /** Stage the change (`general` or `rotation`); it becomes visible only after `finalizeSecretUpdate`. */
  readonly transactionType?: 'general' | 'rotation' | undefined;
  /** File UIDs to detach; they are also removed from the record's `fileRef` fields. */
  readonly links2Remove?: readonly string[] | undefined;
}

function withoutFiles(data: RecordData, fileUids: readonly string[]): RecordData {
  const drop = new Set(fileUids);
  const strip = (fields: RecordData['fields']) =>
    fields.map((f) => (f.type === 'fileRef' ? { ...f, value: f.value.filter((v) => !drop.has(v as string)) } : f));
  return { ...data, fields: strip(data.fields), ...(data.custom ? { custom: strip(data.custom) } : {}) };
}

/**
 * Saves a record read with `getSecrets` (its key and revision are attached). A stale revision is refused by the
 * server (`ERR_REVISION_CONFLICT` on the local vault).
 *
 * @example
 * await updateSecret(ksm, record, { data: setRecordTitle(record.data, 'Renamed') });
 */
export async function updateSecret(
  session: KsmSession,
  record: DecryptedRecord,
  options: UpdateSecretOptions = {},
): Promise<void> {
  const core = sessionCore(session);
  await core.boundConfig(options.signal);
  let data = options.data ?? record.data;
  const links = options.links2Remove ?? [];
  if (links.length > 0) data = withoutFiles(data, links);
  const encrypted = await encryptRecordData(record.recordKey, data);
  await core.write(
    'update_secret',
    {
      recordUid: record.recordUid,
      data: base64UrlEncode(encrypted),
      revision: record.revision,
      ...(options.transactionType === undefined ? {} : { transactionType: options.transactionType }),
      ...(links.length === 0 ? {} : { links2Remove: [...links] }),
    },
    options.signal,
  );
}

/**
 * Commits (or with `rollback`, discards) a staged update of a record.
 *
 * @example
 * await completeTransaction(ksm, record.recordUid, { rollback: false });
 */
export async function completeTransaction(
  session: KsmSession,
  recordUid: string,
  options: Signal & { readonly rollback?: boolean | undefined } = {},
): Promise<void> {
  const core = sessionCore(session);
  await core.boundConfig(options.signal);
  const endpoint = options.rollback === true ? 'rollback_secret_update' : 'finalize_secret_update';
  await core.write(endpoint, { recordUid }, options.signal);
}

/**
 * Deletes records; one result per requested UID (`ok` when deleted).
 *
 * @example
 * const results = await deleteSecrets(ksm, [uid]);
 */
export async function deleteSecrets(
  session: KsmSession,
  recordUids: readonly string[],
  options: Signal = {},
): Promise<DeleteResult[]> {
  const core = sessionCore(session);
  await core.boundConfig(options.signal);
  const json = await core.write('delete_secret', { recordUids: [...recordUids] }, options.signal);
  return deleteResults(json, 'records', 'recordUid', recordUids);
}
