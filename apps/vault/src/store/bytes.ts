// Internal: SQLite BLOB values (Node Buffers) to plain Uint8Array<ArrayBuffer> copies the Web Crypto core accepts.

/**
 * Copies a BLOB column value into a standalone Uint8Array (never a view of a pooled Buffer).
 *
 * @example
 * const data = blob(row.data);
 */
export function blob(value: unknown): Uint8Array<ArrayBuffer> {
  if (!(value instanceof Uint8Array)) throw new TypeError('expected a BLOB column');
  const copy = new Uint8Array(value.byteLength);
  copy.set(value);
  return copy;
}

/**
 * Like `blob`, but passes SQL NULL through as `null`.
 *
 * @example
 * const ownerKey = blobOrNull(row.owner_key);
 */
export function blobOrNull(value: unknown): Uint8Array<ArrayBuffer> | null {
  return value === null || value === undefined ? null : blob(value);
}
