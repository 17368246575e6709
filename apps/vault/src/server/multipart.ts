// A streaming multipart/form-data reader: linear-time boundary search, bounded buffers, binary-safe parts.
import { protocolError } from './errors.js';

/** RFC 2046 §5.1.1: a boundary is 1 to 70 characters. */
export const MAX_BOUNDARY_LENGTH = 70;

/**
 * The boundary of a `multipart/form-data` content type, or undefined when absent, longer than 70 characters
 * or made of characters RFC 2046 does not allow.
 *
 * @example
 * multipartBoundary('multipart/form-data; boundary=abc'); // 'abc'
 */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType.trim())) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined || boundary.length > MAX_BOUNDARY_LENGTH) return undefined;
  return /^[0-9A-Za-z'()+_,./:=? -]*[0-9A-Za-z'()+_,./:=?-]$/.test(boundary) ? boundary : undefined;
}

/** What the reader does with each part. */
export interface MultipartHandlers {
  /** A small form field, decoded as UTF-8 (at most `fieldBytes`). */
  readonly onField: (name: string, value: string) => void;
  /** Names of parts streamed to `onStreamChunk` instead of being collected. */
  readonly streamed: ReadonlySet<string>;
  /** One piece of a streamed part, in order (awaited: the reader pulls no more meanwhile). */
  readonly onStreamChunk: (name: string, bytes: Uint8Array) => void | Promise<void>;
}

/** Limits of `readMultipart`. */
export interface MultipartLimits {
  /** Largest whole body (413 beyond). */
  readonly maxBytes: number;
  /** Largest collected field (default 4 KiB). */
  readonly fieldBytes?: number;
  /** Largest part header block and preamble (default 8 KiB). */
  readonly headerBytes?: number;
  /** Most parts (default 16). */
  readonly maxParts?: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');

function malformed(why: string): Error {
  return protocolError('bad_request', 400, `The multipart body is malformed: ${why}`);
}

/**
 * Reads a multipart body from `stream` piece by piece: memory stays within the limits whatever the body size.
 * Delimiters are found with Buffer#indexOf (a Boyer-Moore search, linear in the input). Throws a 400
 * `bad_request` for a malformed body and 413 `payload_too_large` past `maxBytes`; stops reading then.
 *
 * @example
 * await readMultipart(request.body, boundary, { onField, streamed: new Set(['file']), onStreamChunk }, { maxBytes });
 */
export async function readMultipart(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
  handlers: MultipartHandlers,
  limits: MultipartLimits,
): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  const fieldBytes = limits.fieldBytes ?? 4096;
  const headerBytes = limits.headerBytes ?? 8192;
  const maxParts = limits.maxParts ?? 16;
  // A leading CRLF lets a body that starts right at "--boundary" match the same delimiter.
  let buffer: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  let total = 0;
  let parts = 0;
  let part: { name: string; streamed: boolean; collected: Buffer[]; size: number } | undefined;

  const emit = async (bytes: Buffer) => {
    if (part === undefined || bytes.length === 0) return;
    part.size += bytes.length;
    if (part.streamed) await handlers.onStreamChunk(part.name, bytes);
    else if (part.size > fieldBytes) throw malformed(`field ${part.name} is too long`);
    else part.collected.push(Buffer.from(bytes));
  };

  const step = async (final: boolean): Promise<boolean> => {
    if (state === 'preamble') {
      const at = buffer.indexOf(delimiter);
      if (at < 0) {
        if (buffer.length > headerBytes) throw malformed('no boundary found');
        return false;
      }
      buffer = buffer.subarray(at + delimiter.length);
      state = 'after';
      return true;
    }
    if (state === 'after') {
      if (buffer.length < 2) return false;
      if (buffer[0] === 45 && buffer[1] === 45) {
        state = 'done';
        return false;
      }
      const lf = buffer.indexOf(10);
      if (lf < 0 || lf > 66) {
        if (buffer.length > 66 || final) throw malformed('no line break after a boundary');
        return false;
      }
      const padding = buffer.subarray(0, buffer[lf - 1] === 13 ? lf - 1 : lf);
      if (!padding.every((byte) => byte === 32 || byte === 9)) throw malformed('text after a boundary');
      buffer = buffer.subarray(lf + 1);
      state = 'headers';
      return true;
    }
    if (state === 'headers') {
      const end = buffer.indexOf(CRLF2);
      if (end < 0) {
        if (buffer.length > headerBytes) throw malformed('part headers too long');
        return false;
      }
      const headers = buffer.subarray(0, end).toString('latin1');
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name === undefined) throw malformed('a part has no name');
      parts += 1;
      if (parts > maxParts) throw malformed('too many parts');
      part = { name, streamed: handlers.streamed.has(name), collected: [], size: 0 };
      buffer = buffer.subarray(end + 4);
      state = 'body';
      return true;
    }
    if (state === 'body') {
      const at = buffer.indexOf(delimiter);
      if (at < 0) {
        if (buffer.length > keep) {
          await emit(buffer.subarray(0, buffer.length - keep));
          buffer = buffer.subarray(buffer.length - keep);
        }
        return false;
      }
      await emit(buffer.subarray(0, at));
      const done = part;
      if (done !== undefined && !done.streamed)
        handlers.onField(done.name, Buffer.concat(done.collected).toString('utf8'));
      part = undefined;
      buffer = buffer.subarray(at + delimiter.length);
      state = 'after';
      return true;
    }
    return false;
  };

  const reader = stream.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw protocolError('bad_request', 400, 'The upload was interrupted');
      }
      const { value, done } = chunk;
      if (value !== undefined) {
        total += value.length;
        if (total > limits.maxBytes) {
          throw protocolError('payload_too_large', 413, 'The upload is larger than this vault accepts');
        }
        buffer = buffer.length === 0 ? Buffer.from(value) : Buffer.concat([buffer, value]);
      }
      while (await step(done)) {}
      if ((state as string) === 'done') return;
      if (done) throw malformed('the body ended before the closing boundary');
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
