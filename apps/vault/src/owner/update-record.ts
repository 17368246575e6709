// Admin operation `record update`: change title, fields, custom fields, notes and files; bump the revision.
import { encryptRecordData, type RecordData } from '@ksmkit/core';
import { VaultError } from '../store/errors.js';
import { deleteFiles } from '../store/files.js';
import { updateRecordData } from '../store/records.js';
import { openRecord } from './keys.js';
import { getRecordView } from './read-records.js';
import { type FileInput, insertPreparedFiles, newFileUids, prepareFiles } from './record-files.js';
import { addFileRefs, applyFieldChanges, type CustomFieldInput, removeFileRefs } from './record-input.js';
import { resolveRecord } from './resolve.js';
import { type OwnerSession, write } from './session.js';

/** Changes to a record; anything omitted stays as it is. */
export interface UpdateRecordInput {
  readonly title?: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly custom?: readonly CustomFieldInput[];
  /** New notes; `null` removes them. */
  readonly notes?: string | null;
  readonly addFiles?: readonly FileInput[];
  /** File UIDs, names or titles to detach. */
  readonly removeFiles?: readonly string[];
}

/**
 * Updates a record (UID or title) in one transaction, failing with `ERR_CONFLICT` when a device changed it
 * meanwhile (the revision moved).
 *
 * @example
 * await updateRecord(session, 'Postgres', { fields: { password: 'n3w' } });
 */
export async function updateRecord(
  session: OwnerSession,
  ref: string,
  input: UpdateRecordInput,
): Promise<{ uid: string; revision: number }> {
  const { uid } = await resolveRecord(session, ref);
  const opened = await openRecord(session, uid);
  if (opened?.row === undefined) throw new VaultError('ERR_NOT_FOUND', `No record "${ref}"`, { ref });
  const view = await getRecordView(session, uid);
  const removeUids = (input.removeFiles ?? []).map((fileRef) => {
    const file = view.files.find(
      (f) => f.uid === fileRef || f.metadata.name === fileRef || f.metadata.title === fileRef,
    );
    if (file === undefined)
      throw new VaultError('ERR_NOT_FOUND', `Record "${view.data.title}" has no file "${fileRef}"`, { file: fileRef });
    return file.uid;
  });
  const addFiles = input.addFiles ?? [];
  const addUids = newFileUids(addFiles);

  let data: RecordData = applyFieldChanges(opened.data, input.fields ?? {}, input.custom ?? []);
  if (input.title !== undefined) data = { ...data, title: input.title };
  if (input.notes === null) {
    const { notes: _removed, ...rest } = data;
    data = rest as RecordData;
  } else if (input.notes !== undefined) {
    data = { ...data, notes: input.notes };
  }
  data = addFileRefs(removeFileRefs(data, removeUids), addUids);

  const [encrypted, prepared] = await Promise.all([
    encryptRecordData(opened.key, data),
    prepareFiles(session, opened.key, addFiles, addUids),
  ]);
  let revision = opened.row.revision;
  write(session, () => {
    const result = updateRecordData(session.db, uid, encrypted, opened.row?.revision ?? null);
    if (!result.ok) {
      throw new VaultError(
        'ERR_CONFLICT',
        `Record "${view.data.title}" changed while updating it; run the command again`,
        {
          record: uid,
        },
      );
    }
    revision = result.revision;
    deleteFiles(session.db, uid, removeUids);
    insertPreparedFiles(session, uid, prepared);
  });
  session.records.set(uid, { uid, title: data.title, key: opened.key, folderUid: opened.row.folderUid });
  return { uid, revision };
}
