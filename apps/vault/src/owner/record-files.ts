// File attachments prepared by the owner: a file key wrapped under the record key, encrypted metadata and content.
import { createFile, generateFileUid, type NewFile } from '@ksmkit/core';
import { insertFile } from '../store/files.js';
import type { OwnerSession } from './session.js';

/** A file to attach: its name, bytes and optional title / MIME type. */
export interface FileInput {
  readonly name: string;
  readonly content: Uint8Array;
  readonly title?: string;
  readonly type?: string;
}

/** A file encrypted for a record, not written yet. */
export interface PreparedFile {
  readonly file: NewFile;
  readonly name: string;
}

/**
 * New file UIDs for the inputs (the record's `fileRef` needs them before the record is encrypted).
 *
 * @example
 * const uids = newFileUids(files);
 */
export function newFileUids(files: readonly FileInput[]): string[] {
  return files.map(() => generateFileUid());
}

/**
 * Encrypts files for a record: `GCM(recordKey, fileKey)`, `GCM(fileKey, metadata)`, `ECIES(owner, fileKey)`
 * and `GCM(fileKey, content)`.
 *
 * @example
 * const prepared = await prepareFiles(session, recordKey, files, uids);
 */
export async function prepareFiles(
  session: OwnerSession,
  recordKey: Uint8Array<ArrayBuffer>,
  files: readonly FileInput[],
  fileUids: readonly string[],
): Promise<PreparedFile[]> {
  return Promise.all(
    files.map(async (input, index) => {
      const content = new Uint8Array(input.content);
      const file = await createFile({
        recordKey,
        content,
        ownerPublicKey: session.keys.ownerPublicKey,
        fileUid: fileUids[index] as string,
        metadata: {
          name: input.name,
          title: input.title ?? input.name,
          size: content.length,
          type: input.type ?? 'application/octet-stream',
          lastModified: Date.now(),
        },
      });
      return { file, name: input.name };
    }),
  );
}

/**
 * Inserts prepared files (content included) for a record; call inside the record's write.
 *
 * @example
 * write(session, () => { insertRecord(...); insertPreparedFiles(session, recordUid, prepared); });
 */
export function insertPreparedFiles(session: OwnerSession, recordUid: string, prepared: readonly PreparedFile[]): void {
  for (const { file } of prepared) {
    insertFile(session.db, {
      uid: file.fileUid,
      recordUid,
      linkKey: file.linkKey,
      data: file.encryptedMetadata,
      ownerWrappedKey: file.ownerFileKey as Uint8Array,
      size: file.encryptedContent.length,
      content: file.encryptedContent,
    });
  }
}
