// A small multipart/form-data parser over raw bytes (binary-safe; parts with or without a filename; preambles).

/** One part of a multipart body. */
export interface MultipartPart {
  readonly name: string;
  readonly filename: string | null;
  readonly body: Uint8Array;
}

/**
 * The boundary of a `multipart/form-data` content type, or undefined.
 *
 * @example
 * multipartBoundary('multipart/form-data; boundary=abc'); // 'abc'
 */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType.trim())) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    if (haystack[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Splits a multipart body into parts; returns undefined when it is malformed.
 *
 * @example
 * const parts = parseMultipart(body, 'abc');
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] | undefined {
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = indexOf(body, delimiter, 0);
  if (position < 0) return undefined;
  for (;;) {
    let start = position + delimiter.length;
    if (body[start] === 45 && body[start + 1] === 45) return parts; // closing "--"
    while (body[start] === 32 || body[start] === 9) start++;
    if (body[start] === 13 && body[start + 1] === 10) start += 2;
    else if (body[start] === 10) start += 1;
    else return undefined;
    const next = indexOf(body, encoder.encode(`\r\n--${boundary}`), start);
    if (next < 0) return undefined;
    const part = body.subarray(start, next);
    const headerEnd = indexOf(part, encoder.encode('\r\n\r\n'), 0);
    if (headerEnd < 0) return undefined;
    const headers = new TextDecoder().decode(part.subarray(0, headerEnd));
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    parts.push({ name, filename, body: part.subarray(headerEnd + 4) });
    position = next + 2;
  }
}
