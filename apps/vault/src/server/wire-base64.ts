// Base64 of response fields with Node's native encoder: the same text as @ksmkit/core's encoders, without JS string building.

function view(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Standard base64 (`+/`, `=` padded), byte-for-byte what `base64Encode` of @ksmkit/core returns.
 *
 * @example
 * wireBase64(new Uint8Array([251, 255])); // '+/8='
 */
export function wireBase64(bytes: Uint8Array): string {
  return view(bytes).toString('base64');
}

/**
 * URL-safe base64 (`-_`, unpadded), byte-for-byte what `base64UrlEncode` of @ksmkit/core returns.
 *
 * @example
 * wireBase64Url(new Uint8Array([251, 255])); // '-_8'
 */
export function wireBase64Url(bytes: Uint8Array): string {
  return view(bytes).toString('base64url');
}
