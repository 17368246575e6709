// Turns what notation selected into the bytes or text a destination gets, in the secret's format.
import type { ValueFormat } from '../spec/types.js';

/** The value of one secret as written to its destination, and the strings to mask for it. */
export interface FormattedValue {
  /** Text for env vars and text files. */
  readonly text: string;
  /** Bytes for files (the text's UTF-8 when the value is not a file). */
  readonly bytes: Uint8Array;
  /** Every string that must be masked: the text and, for structures, their string leaves. */
  readonly masks: readonly string[];
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const MAX_MASKED_FILE = 64 * 1024;

function leaves(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) leaves(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) leaves(item, out);
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The text of a file's content when it is valid UTF-8 and small enough to mask (its final newline is not masked). */
function fileText(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_MASKED_FILE) return undefined;
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Formats a notation result: `raw` keeps strings as they are, writes structures as JSON and files as their
 * bytes; `json` always writes JSON (a string becomes a quoted JSON string); `base64` writes the standard
 * base64 of the raw bytes.
 *
 * @example
 * formatValue({ number: '555-0100', type: 'Work' }, 'raw').text; // '{"number":"555-0100","type":"Work"}'
 */
export function formatValue(value: unknown, format: ValueFormat): FormattedValue {
  const isFile = value instanceof Uint8Array;
  const raw: Uint8Array = isFile
    ? value
    : encoder.encode(typeof value === 'string' ? value : format === 'raw' ? rawText(value) : JSON.stringify(value));
  const masks = isFile
    ? [fileText(value)?.replace(/\r?\n$/, '')].filter((text): text is string => text !== undefined && text !== '')
    : leaves(value, []);
  if (format === 'base64') {
    const text = base64(raw);
    return { text, bytes: encoder.encode(text), masks: [text, ...masks] };
  }
  if (format === 'json' && !isFile) {
    const text = JSON.stringify(value);
    return { text, bytes: encoder.encode(text), masks: [text, ...masks] };
  }
  const text = isFile ? (fileText(raw) ?? '') : new TextDecoder().decode(raw);
  return { text, bytes: raw, masks: isFile || text === '' ? masks : [text, ...masks] };
}

function rawText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
