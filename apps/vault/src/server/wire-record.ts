// Renders stored records and their files as get_secret record objects (spec §5.1.3–§5.1.4: every key present).
import { base64Encode } from '@ksmkit/core';
import { listFilesForRecords } from '../store/files.js';
import type { RecordRow } from '../store/records.js';
import type { RequestScope } from './context.js';
import { downloadUrl } from './file-urls.js';

/** A get_secret file object. */
export interface WireFileObject {
  readonly fileUid: string;
  readonly fileKey: string;
  readonly data: string;
  readonly url: string;
  readonly thumbnailUrl: string | null;
}

/** A get_secret record object. */
export interface WireRecordObject {
  readonly recordUid: string;
  readonly recordKey: string;
  readonly data: string;
  readonly revision: number;
  readonly isEditable: boolean;
  readonly files: WireFileObject[];
  readonly folderUid: null;
  readonly innerFolderUid: string | null;
  readonly links?: unknown[];
}

/**
 * Renders one record with its uploaded files; `wrappedKey` is the record key as this app receives it.
 *
 * @example
 * const wire = renderRecord(scope, row, share.wrappedKey, share.editable, false);
 */
export function renderRecord(
  scope: RequestScope,
  row: RecordRow,
  wrappedKey: Uint8Array<ArrayBuffer>,
  editable: boolean,
  withLinks: boolean,
): WireRecordObject {
  const files = listFilesForRecords(scope.ctx.db, [row.uid], true);
  const expires = scope.ctx.now() + scope.ctx.fileUrlTtlSeconds * 1000;
  const key = scope.ctx.urlSigningKey;
  const wireFiles = files.map(
    (file): WireFileObject => ({
      fileUid: file.uid,
      fileKey: base64Encode(file.linkKey),
      data: base64Encode(file.data),
      url: downloadUrl(key, scope.origin, file.uid, 'content', expires),
      thumbnailUrl: file.hasThumbnail ? downloadUrl(key, scope.origin, file.uid, 'thumbnail', expires) : null,
    }),
  );
  return {
    recordUid: row.uid,
    recordKey: base64Encode(wrappedKey),
    data: base64Encode(row.data),
    revision: row.revision,
    isEditable: editable,
    files: wireFiles,
    folderUid: null,
    innerFolderUid: row.innerFolderUid,
    ...(withLinks ? { links: [] } : {}),
  };
}
