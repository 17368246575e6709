// File transfer routes: the multipart upload an add_file credential allows, and capability-URL downloads.
import type { Context } from 'hono';
import { getFile, getFileContent, setFileContent } from '../store/files.js';
import { UPLOAD_SUCCESS_STATUS } from './add-file.js';
import type { ServerContext } from './context.js';
import { protocolError } from './errors.js';
import { type FileCapability, verifyCapability } from './file-urls.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

const DENIED = 'The file link is invalid or has expired';

/**
 * Handles `POST …/files/:fileUid/upload`: checks the signed form fields, then stores the `file` part once.
 * Replies exactly 201 (the `successStatusCode` add_file announced).
 *
 * @example
 * app.post(`${FILES_PATH}/:fileUid/upload`, (c) => handleUpload(ctx, c));
 */
export async function handleUpload(ctx: ServerContext, c: Context): Promise<Response> {
  const fileUid = c.req.param('fileUid') ?? '';
  const boundary = multipartBoundary(c.req.header('content-type'));
  if (boundary === undefined) throw protocolError('bad_request', 400, 'The upload must be multipart/form-data');
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.length > ctx.maxUploadBytes + 64 * 1024) {
    throw protocolError('payload_too_large', 413, 'The upload is larger than this vault accepts');
  }
  const parts = parseMultipart(body, boundary);
  if (parts === undefined) throw protocolError('bad_request', 400, 'The multipart body is malformed');
  const field = (name: string) => {
    const part = parts.find((p) => p.name === name);
    return part === undefined ? '' : new TextDecoder().decode(part.body);
  };
  const expires = Number(field('expires'));
  const allowed =
    field('key') === fileUid &&
    verifyCapability(ctx.urlSigningKey, 'upload', fileUid, expires, field('signature'), ctx.now());
  if (!allowed) throw protocolError('access_denied', 403, DENIED);
  const file = parts.find((p) => p.name === 'file');
  if (file === undefined) throw protocolError('bad_request', 400, 'The upload has no file part');
  const content = new Uint8Array(file.body);
  ctx.db
    .transaction(() => {
      const row = getFile(ctx.db, fileUid);
      if (row === undefined) throw protocolError('not_found', 404, 'The file does not exist');
      if (row.hasContent) throw protocolError('access_denied', 403, 'The file was already uploaded');
      if (row.size !== content.length) {
        throw protocolError(
          'bad_request',
          400,
          `The upload has ${content.length} bytes; add_file announced ${row.size}`,
        );
      }
      setFileContent(ctx.db, fileUid, content, null, ctx.now());
    })
    .immediate();
  return c.body(null, UPLOAD_SUCCESS_STATUS);
}

/**
 * Handles `GET …/files/:fileUid/:kind?expires=…&sig=…`: the raw encrypted content or thumbnail.
 *
 * @example
 * app.get(`${FILES_PATH}/:fileUid/:kind`, (c) => handleDownload(ctx, c));
 */
export async function handleDownload(ctx: ServerContext, c: Context): Promise<Response> {
  const fileUid = c.req.param('fileUid') ?? '';
  const kind = c.req.param('kind');
  if (kind !== 'content' && kind !== 'thumbnail') throw protocolError('not_found', 404, 'No such file resource');
  const capability: FileCapability = kind;
  const expires = Number(c.req.query('expires'));
  const ok = verifyCapability(ctx.urlSigningKey, capability, fileUid, expires, c.req.query('sig') ?? '', ctx.now());
  if (!ok) throw protocolError('access_denied', 403, DENIED);
  const blob = getFileContent(ctx.db, fileUid, capability);
  if (blob === null || blob === undefined) throw protocolError('not_found', 404, 'The file does not exist');
  return c.body(blob, 200, { 'content-type': 'application/octet-stream' });
}
