// Admin operations `record get|list|remove`: decrypt records (owner's and device-created) with the owner key.
import { type FileMetadata, gcmDecrypt, parseFileMetadata, type RecordData } from '@ksmkit/core';
import { isVaultError, VaultError } from '../store/errors.js';
import { type FileRow, getFileContent, listFilesForRecords } from '../store/files.js';
import { deleteRecords, listAllRecords } from '../store/records.js';
import { listSharesForTarget } from '../store/shares.js';
import { folderPath, openRecord } from './keys.js';
import { resolveRecord } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** A file of a record, decrypted metadata only. */
export interface FileView {
  readonly uid: string;
  readonly metadata: FileMetadata;
  readonly uploaded: boolean;
}

/** A decrypted record. */
export interface RecordViewResult {
  readonly uid: string;
  readonly revision: number;
  readonly folderUid: string | null;
  readonly innerFolderUid: string | null;
  readonly folderPath: string | null;
  readonly data: RecordData;
  readonly files: readonly FileView[];
}

/** One line of `record list` (no field values). */
export interface RecordSummary {
  readonly uid: string;
  readonly title: string;
  readonly type: string;
  readonly revision: number;
  readonly folderPath: string | null;
  readonly files: number;
  readonly directShares: number;
}

async function fileKeyOf(recordKey: Uint8Array<ArrayBuffer>, file: FileRow): Promise<Uint8Array<ArrayBuffer>> {
  return gcmDecrypt(recordKey, file.linkKey);
}

/**
 * Decrypts one record (UID or title) with its files' metadata.
 *
 * @example
 * const { data, files } = await getRecordView(session, 'Postgres');
 */
export async function getRecordView(session: OwnerSession, ref: string): Promise<RecordViewResult> {
  const { uid } = await resolveRecord(session, ref);
  const opened = await openRecord(session, uid);
  if (opened?.row === undefined) throw new VaultError('ERR_NOT_FOUND', `No record "${ref}"`, { ref });
  const row = opened.row;
  const files: FileView[] = [];
  for (const file of listFilesForRecords(session.db, [uid])) {
    const fileKey = await fileKeyOf(opened.key, file);
    files.push({
      uid: file.uid,
      metadata: parseFileMetadata(await gcmDecrypt(fileKey, file.data)),
      uploaded: file.hasContent,
    });
  }
  const location = row.innerFolderUid ?? row.folderUid;
  return {
    uid,
    revision: row.revision,
    folderUid: row.folderUid,
    innerFolderUid: row.innerFolderUid,
    folderPath: location === null ? null : await folderPath(session, location),
    data: opened.data,
    files,
  };
}

/**
 * Decrypts the content of a record's file (by file UID, name or title).
 *
 * @example
 * const bytes = await readRecordFile(session, 'Postgres', 'ca.pem');
 */
export async function readRecordFile(session: OwnerSession, recordRef: string, fileRef: string): Promise<Uint8Array> {
  const view = await getRecordView(session, recordRef);
  const matches = view.files.filter(
    (f) => f.uid === fileRef || f.metadata.name === fileRef || f.metadata.title === fileRef,
  );
  const match = matches[0];
  if (match === undefined || matches.length > 1) {
    throw new VaultError(
      matches.length > 1 ? 'ERR_AMBIGUOUS' : 'ERR_NOT_FOUND',
      `No single file "${fileRef}" on that record`,
      {
        file: fileRef,
      },
    );
  }
  const opened = await openRecord(session, view.uid);
  const row = listFilesForRecords(session.db, [view.uid]).find((file) => file.uid === match.uid) as FileRow;
  const content = getFileContent(session.db, match.uid);
  if (content === null || content === undefined || opened === undefined) {
    throw new VaultError('ERR_NOT_FOUND', `File "${fileRef}" has no uploaded content yet`, { file: fileRef });
  }
  return gcmDecrypt(await fileKeyOf(opened.key, row), content);
}

/** A record the owner key cannot open, and why (no secret in the reason). */
export interface UnreadableRecord {
  readonly uid: string;
  readonly reason: string;
}

/**
 * Every record (title, type, folder path; never field values) and, separately, the records that cannot be
 * opened (e.g. a device sent a record key not encrypted to the owner): one bad record hides no other.
 *
 * @example
 * const { records, unreadable } = await listRecordReport(session);
 */
export async function listRecordReport(
  session: OwnerSession,
  options: { readonly folder?: string } = {},
): Promise<{ records: RecordSummary[]; unreadable: UnreadableRecord[] }> {
  const records = await listRecordSummaries(session, options);
  const unreadable = [...session.unreadable].map(([uid, reason]) => ({ uid, reason }));
  return { records, unreadable };
}

/**
 * Every record the owner can open (title, type, folder path; never field values); the others are skipped and
 * noted in `session.unreadable` (see `listRecordReport`).
 *
 * @example
 * const rows = await listRecordSummaries(session);
 */
export async function listRecordSummaries(
  session: OwnerSession,
  options: { readonly folder?: string } = {},
): Promise<RecordSummary[]> {
  const result: RecordSummary[] = [];
  for (const row of listAllRecords(session.db)) {
    let opened: Awaited<ReturnType<typeof openRecord>>;
    try {
      opened = await openRecord(session, row.uid);
    } catch (error) {
      if (isVaultError(error, 'ERR_RECORD_UNREADABLE')) continue;
      throw error;
    }
    if (opened === undefined) continue;
    const location = row.innerFolderUid ?? row.folderUid;
    const path = location === null ? null : await folderPath(session, location);
    if (
      options.folder !== undefined &&
      path !== options.folder &&
      location !== options.folder &&
      !path?.startsWith(`${options.folder}/`)
    ) {
      continue;
    }
    result.push({
      uid: row.uid,
      title: opened.data.title,
      type: opened.data.type,
      revision: row.revision,
      folderPath: path,
      files: listFilesForRecords(session.db, [row.uid]).length,
      directShares: listSharesForTarget(session.db, 'record', row.uid).length,
    });
  }
  return result;
}

/**
 * Deletes records (UIDs or titles) with their files and direct shares.
 *
 * @example
 * await removeRecords(session, ['Postgres']);
 */
export async function removeRecords(session: OwnerSession, refs: readonly string[]): Promise<{ uids: string[] }> {
  const uids: string[] = [];
  for (const ref of refs) uids.push((await resolveRecord(session, ref)).uid);
  for (const uid of uids) session.records.delete(uid);
  write(session, () => {
    deleteRecords(session.db, uids);
  });
  return { uids };
}
