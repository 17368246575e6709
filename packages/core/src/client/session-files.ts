// File attachments through a session: upload to a record, download content and thumbnails (spec §5.8).
import type { DecryptedFile, DecryptedRecord } from '../keychain/record-types.js';
import {
  uploadFile as attachFile,
  downloadFile as fetchFile,
  downloadThumbnail as fetchThumbnail,
  type UploadFileOptions,
} from './files.js';
import { type KsmSession, sessionCore } from './session.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/**
 * Attaches a file to a record read with `getSecrets`; returns the new file UID.
 *
 * @example
 * const fileUid = await uploadFile(ksm, record, { name: 'ca.pem', content: utf8Encode(pem) });
 */
export function uploadFile(session: KsmSession, record: DecryptedRecord, options: UploadFileOptions): Promise<string> {
  return attachFile(sessionCore(session), record, options);
}

/**
 * Downloads and decrypts a file's content.
 *
 * @example
 * const bytes = await downloadFile(ksm, record.files[0]);
 */
export function downloadFile(
  session: KsmSession,
  file: DecryptedFile,
  options?: Signal,
): Promise<Uint8Array<ArrayBuffer>> {
  return fetchFile(sessionCore(session), file, options);
}

/**
 * Downloads and decrypts a file's thumbnail; `ERR_NOT_FOUND` when it has none.
 *
 * @example
 * const png = await downloadThumbnail(ksm, file);
 */
export function downloadThumbnail(
  session: KsmSession,
  file: DecryptedFile,
  options?: Signal,
): Promise<Uint8Array<ArrayBuffer>> {
  return fetchThumbnail(sessionCore(session), file, options);
}
