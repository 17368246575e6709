// File metadata JSON (spec §6.4): lenient parsing and compact serialisation.
import { documentError, parseJsonObject, stringifyDocument } from './json-document.js';
import type { FileMetadata } from './types.js';
import { isPlainObject } from './validate-field.js';

const TEXT_KEYS = ['name', 'title', 'type'] as const;
const NUMBER_KEYS = ['size', 'lastModified'] as const;

/**
 * Parses decrypted file metadata leniently. `name`/`title`/`type` are kept when strings; `size` and
 * `lastModified` are kept when numbers (fractional values too — some vault-written metadata has them) or
 * numeric strings (converted), and dropped otherwise; any other key is kept. Throws `ERR_INVALID_RECORD`
 * only for invalid JSON or a non-object.
 *
 * @example
 * parseFileMetadata('{"name":"qr.png","size":53926,"lastModified":1760646182.790214}').lastModified // 1760646182.790214
 */
export function parseFileMetadata(input: Uint8Array | string): FileMetadata {
  const metadata: FileMetadata = { ...parseJsonObject(input, 'file-metadata') };
  for (const key of TEXT_KEYS) {
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') delete metadata[key];
  }
  for (const key of NUMBER_KEYS) {
    const number = toNumber(metadata[key]);
    if (number === undefined) delete metadata[key];
    else metadata[key] = number;
  }
  return metadata;
}

/**
 * Serialises file metadata compactly, e.g. for `add_file`. Throws `ERR_INVALID_RECORD` when a known key has
 * the wrong type.
 *
 * @example
 * serializeFileMetadata({ name: 'a.txt', title: 'A', size: 3, type: 'text/plain', lastModified: 1 })
 * // '{"name":"a.txt","title":"A","size":3,"type":"text/plain","lastModified":1}'
 */
export function serializeFileMetadata(metadata: FileMetadata): string {
  const bad =
    !isPlainObject(metadata) ||
    TEXT_KEYS.some((key) => metadata[key] !== undefined && typeof metadata[key] !== 'string') ||
    NUMBER_KEYS.some((key) => metadata[key] !== undefined && !Number.isFinite(metadata[key]));
  if (bad) throw documentError('file-metadata', 'invalid-metadata', 'has a wrongly typed name, title, type or size');
  return stringifyDocument(metadata, 'file-metadata');
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
