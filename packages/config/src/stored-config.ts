// Reads a config kept as one text value: JSON, or base64 of JSON (as Keeper's readers and `lkru set -b` store it).
import { base64Decode, utf8Decode } from '@ksmkit/core';

/**
 * The flat string map inside `text` (JSON, or base64 of JSON; null values dropped), or undefined when it does
 * not hold a JSON object. Callers turn undefined into their own error, naming where the value came from.
 *
 * @example
 * parseStoredConfig('{"hostname":"keepersecurity.com"}') // { hostname: 'keepersecurity.com' }
 */
export function parseStoredConfig(text: string): Record<string, string> | undefined {
  let json = text.trim();
  if (!json.startsWith('{')) {
    try {
      json = utf8Decode(base64Decode(json)).trim();
    } catch {
      return undefined;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) => (item === null || item === undefined ? [] : [[key, String(item)]])),
  );
}
