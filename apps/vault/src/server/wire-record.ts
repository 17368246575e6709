// Renders stored records and their files as get_secret record objects (spec §5.1.3–§5.1.4: every key present).
import type { SecretFileRow, SecretRecordRow } from '../store/secret-rows.js';
import type { RequestScope } from './context.js';
import { downloadUrl } from './file-urls.js';
import { wireBase64 } from './wire-base64.js';

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

/** Signs a file's download URL (content or thumbnail) for the current response. */
export type FileUrlSigner = (fileUid: string, capability: 'content' | 'thumbnail') => string;

/**
 * A signer for one response: every URL it signs expires `fileUrlTtlSeconds` after the first one was signed.
 *
 * @example
 * const sign = fileUrlSigner(scope);
 */
export function fileUrlSigner(scope: RequestScope): FileUrlSigner {
  let expires: number | undefined;
  return (fileUid, capability) => {
    expires ??= scope.ctx.now() + scope.ctx.fileUrlTtlSeconds * 1000;
    return downloadUrl(scope.ctx.urlSigningKey, scope.origin, fileUid, capability, expires);
  };
}

/**
 * Renders one record with its uploaded files (`row.wrappedKey` is the record key as this app receives it).
 *
 * @example
 * const wire = renderRecord(row, share.editable, false, files.get(row.uid), sign);
 */
export function renderRecord(
  row: SecretRecordRow,
  editable: boolean,
  withLinks: boolean,
  files: readonly SecretFileRow[] | undefined,
  sign: FileUrlSigner,
): WireRecordObject {
  const wireFiles =
    files === undefined
      ? []
      : files.map(
          (file): WireFileObject => ({
            fileUid: file.uid,
            fileKey: wireBase64(file.linkKey),
            data: wireBase64(file.data),
            url: sign(file.uid, 'content'),
            thumbnailUrl: file.hasThumbnail ? sign(file.uid, 'thumbnail') : null,
          }),
        );
  const record: WireRecordObject = {
    recordUid: row.uid,
    recordKey: wireBase64(row.wrappedKey),
    data: wireBase64(row.data),
    revision: row.revision,
    isEditable: editable,
    files: wireFiles,
    folderUid: null,
    innerFolderUid: row.innerFolderUid,
  };
  return withLinks ? { ...record, links: [] } : record;
}
