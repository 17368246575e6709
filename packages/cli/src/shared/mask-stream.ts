// A streaming Transform that replaces every given secret with `****`, also when a secret is split across chunks.

import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MASK } from './mask.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Length of the longest suffix of `text` that is a proper prefix of one of `secrets`. */
function pendingLength(text: string, secrets: readonly string[]): number {
  let best = 0;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, text.length); n > best; n--) {
      if (text.endsWith(secret.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}

/**
 * Creates a Transform that masks `secrets` in UTF-8 text. Output is held back only while it may be the start of a
 * secret, so it streams. Empty secrets are ignored.
 *
 * @example
 * child.stdout.pipe(createMaskStream(['hunter2'])).pipe(process.stdout);
 */
export function createMaskStream(secrets: readonly string[]): Transform {
  const list = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
  const pattern = list.length === 0 ? undefined : new RegExp(list.map(escapeRegExp).join('|'), 'g');
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  const drain = (final: boolean): string => {
    const replaced = pattern === undefined ? buffer : buffer.replace(pattern, MASK);
    const keep = final ? 0 : pendingLength(replaced, list);
    buffer = replaced.slice(replaced.length - keep);
    return replaced.slice(0, replaced.length - keep);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      buffer += decoder.write(chunk);
      const out = drain(false);
      callback(null, out === '' ? undefined : out);
    },
    flush(callback) {
      buffer += decoder.end();
      const out = drain(true);
      callback(null, out === '' ? undefined : out);
    },
  });
}
