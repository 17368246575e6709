// Request bodies under a byte limit (read as a stream, so an oversized body is refused without buffering it).
import { concatBytes } from '@ksmkit/core';
import { EdgeError } from './errors.js';

function tooLarge(limit: number): EdgeError {
  return new EdgeError('ERR_BODY_TOO_LARGE', 413, `The request body exceeds ${limit} bytes`, { limit });
}

/**
 * Reads a body of at most `limit` bytes.
 *
 * @example
 * const bytes = await readLimited(request.body, 1_048_576);
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  declared?: string | null,
): Promise<Uint8Array<ArrayBuffer>> {
  if (declared != null && Number(declared) > limit) throw tooLarge(limit);
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}

/**
 * Reads a JSON object body of at most `limit` bytes.
 *
 * @example
 * const { notations } = await readJsonObject(c.req.raw, 1_048_576);
 */
export async function readJsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  const bytes = await readLimited(request.body, limit, request.headers.get('content-length'));
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new EdgeError(
      'ERR_INVALID_JSON',
      400,
      'The body must be a JSON object, e.g. {"notations":["keeper://UID/field/password"]}',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EdgeError(
      'ERR_INVALID_JSON',
      400,
      'The body must be a JSON object, e.g. {"notations":["keeper://UID/field/password"]}',
    );
  }
  return value as Record<string, unknown>;
}
