// The method, headers and body bytes of a fetch-style request, read without loading undici for plain requests.

/** A request ready for node:http(s). */
export interface OutgoingRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> | null {
  if (headers === undefined) return {};
  if (Object.getPrototypeOf(headers) !== Object.prototype) return null;
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') return null;
    copy[name.toLowerCase()] = value;
  }
  return copy;
}

/**
 * Reads `init` the way `fetch` would. Bytes or no body with a plain header object (what the KSM client sends)
 * are taken as they are; anything else (FormData, Blob, streams, `Headers`) goes through a web `Request`, which
 * serialises it (multipart boundaries, content types).
 *
 * @example
 * const { method, headers, body } = await outgoingRequest(url, { method: 'POST', body: bytes });
 */
export async function outgoingRequest(url: string, init: RequestInit): Promise<OutgoingRequest> {
  const headers = plainHeaders(init.headers);
  const body = init.body ?? null;
  if (headers !== null && (body === null || body instanceof Uint8Array)) {
    if (body !== null) headers['content-length'] = String(body.length);
    return { method: (init.method ?? 'GET').toUpperCase(), headers, body };
  }
  const request = new Request(url, init);
  const bytes = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
  const copied: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    copied[key] = value;
  });
  if (bytes !== null) copied['content-length'] = String(bytes.length);
  return { method: request.method, headers: copied, body: bytes };
}
