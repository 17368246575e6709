// Lenient readers of a decrypted request payload (spec §4.2 step 2, §4.6): `null` = absent, any base64 alphabet.
import { base64Decode, isUid } from '@ksmkit/core';
import { protocolError } from './errors.js';

/** A decrypted request JSON object. */
export type Payload = Readonly<Record<string, unknown>>;

/**
 * The payload as an object (a JSON array, string or number is a bad request).
 *
 * @example
 * const payload = asPayload(JSON.parse(text));
 */
export function asPayload(value: unknown): Payload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw protocolError('bad_request', 400, 'The request payload must be a JSON object');
  }
  return value as Payload;
}

/**
 * An optional string field (`null`, absent and "" are all `undefined`).
 *
 * @example
 * const parent = optionalString(payload, 'parentUid');
 */
export function optionalString(payload: Payload, name: string): string | undefined {
  const value = payload[name];
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw protocolError('bad_request', 400, `Field ${name} must be a string`);
  return value;
}

/**
 * A required string field.
 *
 * @example
 * const recordUid = requiredString(payload, 'recordUid');
 */
export function requiredString(payload: Payload, name: string): string {
  const value = optionalString(payload, name);
  if (value === undefined) throw protocolError('bad_request', 400, `Field ${name} is required`);
  return value;
}

/**
 * A required UID field (22-character url base64 of 16 bytes).
 *
 * @example
 * const folderUid = requiredUid(payload, 'folderUid');
 */
export function requiredUid(payload: Payload, name: string): string {
  const value = requiredString(payload, name);
  if (!isUid(value)) throw protocolError('bad_request', 400, `Field ${name} must be a UID`);
  return value;
}

/**
 * An optional UID field.
 *
 * @example
 * const subFolderUid = optionalUid(payload, 'subFolderUid');
 */
export function optionalUid(payload: Payload, name: string): string | undefined {
  const value = optionalString(payload, name);
  if (value !== undefined && !isUid(value)) throw protocolError('bad_request', 400, `Field ${name} must be a UID`);
  return value;
}

/**
 * A required base64 field (std or url alphabet, padded or not) decoded to bytes.
 *
 * @example
 * const data = requiredBytes(payload, 'data');
 */
export function requiredBytes(payload: Payload, name: string): Uint8Array<ArrayBuffer> {
  const text = requiredString(payload, name);
  try {
    return base64Decode(text.trim());
  } catch {
    throw protocolError('bad_request', 400, `Field ${name} must be base64`);
  }
}

/** Length of an owner-wrapped key: ECIES = ephemeral point (65, 0x04 first) ‖ GCM nonce (12) ‖ key (32) ‖ tag (16). */
export const OWNER_WRAPPED_KEY_BYTES = 125;

/**
 * A required key wrapped to the owner's public key (spec §3.3 ECIES of a 32-byte key): exactly 125 bytes starting
 * with 0x04. Anything else (e.g. a plain 32-byte key an older SDK sends) is a 400, since the owner could not open it.
 *
 * @example
 * const ownerKey = requiredOwnerWrappedKey(payload, 'recordKey');
 */
export function requiredOwnerWrappedKey(payload: Payload, name: string): Uint8Array<ArrayBuffer> {
  const bytes = requiredBytes(payload, name);
  if (bytes.length !== OWNER_WRAPPED_KEY_BYTES || bytes[0] !== 4) {
    throw protocolError(
      'bad_request',
      400,
      `Field ${name} must be the key encrypted to the owner's public key (${OWNER_WRAPPED_KEY_BYTES} bytes starting with 0x04), not ${bytes.length} bytes`,
      { resultCode: 'invalid_key_shape' },
    );
  }
  return bytes;
}

/** Most items a list field of one request may carry (UID lists): keeps every request's work bounded. */
export const MAX_LIST_ITEMS = 1000;
/** Longest string in a list field (UIDs are 22 characters). */
const MAX_LIST_ITEM_LENGTH = 256;

/**
 * An optional array of strings (`null`/absent → undefined), at most {@link MAX_LIST_ITEMS} items of at most 256
 * characters each (else 400 `bad_request`, result_code `too_many_items`).
 *
 * @example
 * const uids = optionalStringArray(payload, 'requestedRecords');
 */
export function optionalStringArray(payload: Payload, name: string): string[] | undefined {
  const value = payload[name];
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) throw protocolError('bad_request', 400, `Field ${name} must be an array of strings`);
  if (value.length > MAX_LIST_ITEMS) {
    throw protocolError(
      'bad_request',
      400,
      `Field ${name} lists ${value.length} items; at most ${MAX_LIST_ITEMS} are allowed per request, so split it`,
      { resultCode: 'too_many_items' },
    );
  }
  if (!value.every((item) => typeof item === 'string' && item.length <= MAX_LIST_ITEM_LENGTH)) {
    throw protocolError('bad_request', 400, `Field ${name} must be an array of strings (UIDs)`);
  }
  return value as string[];
}

/**
 * A required integer field (a numeric string is accepted too).
 *
 * @example
 * const revision = requiredInteger(payload, 'revision');
 */
export function requiredInteger(payload: Payload, name: string): number {
  const value = payload[name];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw protocolError('bad_request', 400, `Field ${name} must be an integer`);
  }
  return number;
}

/**
 * An optional boolean (`true`/`"true"` are true; absent is false).
 *
 * @example
 * const force = optionalBoolean(payload, 'forceDeletion');
 */
export function optionalBoolean(payload: Payload, name: string): boolean {
  const value = payload[name];
  return value === true || value === 'true';
}
