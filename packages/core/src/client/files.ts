// File attachments: add_file plus the multipart upload, and downloads of content and thumbnails (spec §5.8).
import { gcmDecrypt } from '../crypto/aes-gcm.js';
import { base64Encode, base64UrlEncode } from '../encoding/base64.js';
import { KsmError } from '../errors.js';
import { encryptRecordData } from '../keychain/owner.js';
import { createFile } from '../keychain/owner-records.js';
import type { DecryptedFile, DecryptedRecord } from '../keychain/record-types.js';
import type { FileMetadata, RecordData } from '../record/types.js';
import { type KsmSession, sessionCore } from './session.js';
import { attemptSignal, type FetchResponse, networkError } from './transport.js';

type Signal = { readonly signal?: AbortSignal | undefined };

/** Options of `uploadFile`. */
export interface UploadFileOptions extends Signal {
  readonly name: string;
  readonly content: Uint8Array<ArrayBuffer>;
  /** Default: `name`. */
  readonly title?: string | undefined;
  /** MIME type; default `application/octet-stream`. */
  readonly type?: string | undefined;
  /** ms since the epoch; default the client's clock. */
  readonly lastModified?: number | undefined;
}

function withFileRef(data: RecordData, fileUid: string): RecordData {
  const fields = [...data.fields];
  const index = fields.findIndex((f) => f.type === 'fileRef');
  const existing = index === -1 ? undefined : fields[index];
  if (existing === undefined) fields.push({ type: 'fileRef', value: [fileUid] });
  else fields[index] = { ...existing, value: [...existing.value, fileUid] };
  return { ...data, fields };
}

function uploadResponse(json: unknown): { url: string; parameters: Record<string, string>; success: number } {
  const value = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof value.url !== 'string') throw new KsmError('ERR_SERVER', 'add_file returned no upload URL', {});
  const parameters: Record<string, string> = {};
  let raw: unknown = value.parameters;
  try {
    if (typeof raw === 'string') raw = JSON.parse(raw);
  } catch (cause) {
    throw new KsmError('ERR_SERVER', 'add_file returned unreadable upload parameters', {}, { cause });
  }
  if (typeof raw === 'object' && raw !== null) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') parameters[k] = v;
  }
  const success = typeof value.successStatusCode === 'number' ? value.successStatusCode : 201;
  return { url: value.url, parameters, success };
}

/**
 * Attaches a file to a record read with `getSecrets`: add_file, then a multipart POST of the encrypted content to
 * the returned URL, which must answer exactly `successStatusCode`. Returns the new file UID.
 *
 * @example
 * const fileUid = await uploadFile(ksm, record, { name: 'ca.pem', content: utf8Encode(pem) });
 */
export async function uploadFile(
  session: KsmSession,
  record: DecryptedRecord,
  options: UploadFileOptions,
): Promise<string> {
  const core = sessionCore(session);
  const config = await core.boundConfig(options.signal);
  if (config.appOwnerPublicKey === undefined) {
    throw new KsmError('ERR_INVALID_CONFIG', 'The application owner public key is missing from the config', {
      key: 'appOwnerPublicKey',
    });
  }
  const metadata: FileMetadata = {
    name: options.name,
    size: options.content.length,
    title: options.title ?? options.name,
    lastModified: options.lastModified ?? core.clock(),
    type: options.type ?? 'application/octet-stream',
  };
  const file = await createFile({
    recordKey: record.recordKey,
    metadata,
    content: options.content,
    ownerPublicKey: config.appOwnerPublicKey,
  });
  const ownerData = await encryptRecordData(record.recordKey, withFileRef(record.data, file.fileUid));
  const json = await core.write(
    'add_file',
    {
      fileRecordUid: file.fileUid,
      fileRecordKey: base64Encode(file.ownerFileKey as Uint8Array<ArrayBuffer>),
      fileRecordData: base64UrlEncode(file.encryptedMetadata),
      ownerRecordUid: record.recordUid,
      ownerRecordData: base64UrlEncode(ownerData),
      ownerRecordRevision: record.revision,
      linkKey: base64Encode(file.linkKey),
      fileSize: file.encryptedContent.length,
    },
    options.signal,
  );
  const target = uploadResponse(json);
  const form = new FormData();
  for (const [key, value] of Object.entries(target.parameters)) form.append(key, value);
  form.append('file', new Blob([file.encryptedContent], { type: 'application/octet-stream' }));
  let response: FetchResponse;
  const attempt = attemptSignal(core.ctx.timeoutMs, options.signal);
  try {
    response = await core.ctx.fetch(target.url, { method: 'POST', body: form, signal: attempt.signal });
    await response.arrayBuffer();
  } catch (error) {
    throw networkError(error, 'upload', options.signal);
  } finally {
    attempt.done();
  }
  if (response.status !== target.success) {
    throw new KsmError('ERR_UPLOAD_FAILED', 'The file upload was not accepted', {
      status: response.status,
      expectedStatus: target.success,
    });
  }
  return file.fileUid;
}

async function download(session: KsmSession, file: DecryptedFile, url: string | null, signal?: AbortSignal) {
  const core = sessionCore(session);
  if (url === null) throw new KsmError('ERR_NOT_FOUND', 'The file has no such download', { fileUid: file.fileUid });
  let response: FetchResponse;
  let body: Uint8Array<ArrayBuffer>;
  const attempt = attemptSignal(core.ctx.timeoutMs, signal);
  try {
    response = await core.ctx.fetch(url, { method: 'GET', signal: attempt.signal });
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw networkError(error, 'download', signal);
  } finally {
    attempt.done();
  }
  if (response.status !== 200) {
    const code = response.status === 404 ? 'ERR_NOT_FOUND' : 'ERR_SERVER';
    throw new KsmError(code, 'The file download failed', { status: response.status, fileUid: file.fileUid });
  }
  return gcmDecrypt(file.fileKey, body);
}

/**
 * Downloads and decrypts a file's content (plain GET of `file.url`, no KSM headers).
 *
 * @example
 * const bytes = await downloadFile(session, record.files[0]);
 */
export function downloadFile(
  session: KsmSession,
  file: DecryptedFile,
  options: Signal = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return download(session, file, file.url, options.signal);
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
  options: Signal = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return download(session, file, file.thumbnailUrl, options.signal);
}
