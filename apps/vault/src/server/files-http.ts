// File transfer routes: uploads the add_file capability URL allows (checked before any byte of the body is
// read, then streamed into 1 MiB chunks), and capability-URL downloads streamed chunk by chunk.
import type { Context } from 'hono';
import { appendChunk, CHUNK_BYTES, type ChunkKind, deleteChunks, readChunk } from '../store/file-chunks.js';
import { getFile, markUploaded } from '../store/files.js';
import { UPLOAD_SUCCESS_STATUS } from './add-file.js';
import type { ServerContext } from './context.js';
import { protocolError } from './errors.js';
import { verifyCapability } from './file-urls.js';
import { multipartBoundary, readMultipart } from './multipart.js';
import type { UploadGate } from './upload-gate.js';

const DENIED = 'The file link is invalid or has expired';
/** Room for the form fields and delimiters around the file part. */
const ENVELOPE_BYTES = 64 * 1024;

/** Checks the URL's capability and the file row; throws before anything of the body is read. */
function admitUpload(ctx: ServerContext, c: Context, fileUid: string): { size: number; boundary: string } {
  const expires = Number(c.req.query('expires'));
  if (!verifyCapability(ctx.urlSigningKey, 'upload', fileUid, expires, c.req.query('sig') ?? '', ctx.now())) {
    throw protocolError('access_denied', 403, DENIED);
  }
  const row = getFile(ctx.db, fileUid);
  if (row === undefined) throw protocolError('not_found', 404, 'The file does not exist');
  if (row.hasContent) throw protocolError('access_denied', 403, 'The file was already uploaded');
  const boundary = multipartBoundary(c.req.header('content-type'));
  if (boundary === undefined) {
    throw protocolError(
      'bad_request',
      400,
      'The upload must be multipart/form-data with a boundary of 1-70 characters',
    );
  }
  const length = Number(c.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > row.size + ENVELOPE_BYTES) {
    throw protocolError('payload_too_large', 413, `The upload is larger than the ${row.size} bytes add_file announced`);
  }
  return { size: row.size, boundary };
}

/**
 * Handles `POST …/files/:fileUid/upload?expires=…&sig=…`: checks the signed URL, the file row and the
 * announced size before reading the body, then streams the `file` part into storage (memory stays around
 * one chunk). Works once per file; replies exactly 201 (the `successStatusCode` add_file announced).
 *
 * @example
 * app.post(`${FILES_PATH}/:fileUid/upload`, (c) => handleUpload(ctx, gate, c));
 */
export async function handleUpload(ctx: ServerContext, gate: UploadGate, c: Context): Promise<Response> {
  const fileUid = c.req.param('fileUid') ?? '';
  const { size, boundary } = admitUpload(ctx, c, fileUid);
  const body = c.req.raw.body;
  if (body === null) throw protocolError('bad_request', 400, 'The upload has no body');
  const release = gate.acquire(fileUid);
  let seq = 0;
  let received = 0;
  let sawFile = false;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const chunk = Buffer.concat(pending, pendingBytes);
    ctx.db.transaction(() => appendChunk(ctx.db, fileUid, 'content', seq, chunk)).immediate();
    seq += 1;
    pending = [];
    pendingBytes = 0;
  };
  try {
    // A failed earlier attempt may have left chunks behind.
    deleteChunks(ctx.db, fileUid, 'content');
    await readMultipart(
      body,
      boundary,
      {
        streamed: new Set(['file']),
        onField: (name, value) => {
          if (name === 'key' && value !== fileUid) throw protocolError('access_denied', 403, DENIED);
        },
        onStreamChunk: (_name, bytes) => {
          sawFile = true;
          received += bytes.length;
          if (received > size) {
            throw protocolError('bad_request', 400, `The upload has more than the ${size} bytes add_file announced`);
          }
          pending.push(bytes);
          pendingBytes += bytes.length;
          if (pendingBytes >= CHUNK_BYTES) flush();
        },
      },
      { maxBytes: size + ENVELOPE_BYTES },
    );
    if (!sawFile && size > 0) throw protocolError('bad_request', 400, 'The upload has no file part');
    if (received !== size) {
      throw protocolError('bad_request', 400, `The upload has ${received} bytes; add_file announced ${size}`);
    }
    flush();
    if (size === 0) ctx.db.transaction(() => appendChunk(ctx.db, fileUid, 'content', 0, new Uint8Array(0))).immediate();
    ctx.db
      .transaction(() => {
        const row = getFile(ctx.db, fileUid);
        if (row === undefined) throw protocolError('not_found', 404, 'The file does not exist');
        if (row.hasContent) throw protocolError('access_denied', 403, 'The file was already uploaded');
        markUploaded(ctx.db, fileUid, ctx.now());
      })
      .immediate();
  } catch (error) {
    try {
      deleteChunks(ctx.db, fileUid, 'content');
    } catch {
      // The file row may be gone (record deleted meanwhile): its chunks went with it.
    }
    throw error;
  } finally {
    release();
  }
  return c.body(null, UPLOAD_SUCCESS_STATUS);
}

/** A stream of a stored blob, one chunk read per pull (memory: one chunk). */
function chunkStream(ctx: ServerContext, fileUid: string, kind: ChunkKind): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = readChunk(ctx.db, fileUid, kind, seq);
      seq += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/**
 * Handles `GET …/files/:fileUid/:kind?expires=…&sig=…`: the raw encrypted content or thumbnail, streamed.
 *
 * @example
 * app.get(`${FILES_PATH}/:fileUid/:kind`, (c) => handleDownload(ctx, c));
 */
export async function handleDownload(ctx: ServerContext, c: Context): Promise<Response> {
  const fileUid = c.req.param('fileUid') ?? '';
  const kind = c.req.param('kind');
  if (kind !== 'content' && kind !== 'thumbnail') throw protocolError('not_found', 404, 'No such file resource');
  const expires = Number(c.req.query('expires'));
  const ok = verifyCapability(ctx.urlSigningKey, kind, fileUid, expires, c.req.query('sig') ?? '', ctx.now());
  if (!ok) throw protocolError('access_denied', 403, DENIED);
  const file = getFile(ctx.db, fileUid);
  if (file === undefined || !file.hasContent || (kind === 'thumbnail' && !file.hasThumbnail)) {
    throw protocolError('not_found', 404, 'The file does not exist');
  }
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (kind === 'content') headers['content-length'] = String(file.size);
  return c.body(chunkStream(ctx, fileUid, kind), 200, headers);
}
