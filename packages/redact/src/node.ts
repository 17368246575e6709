// The Node stream adapter (`@ksmkit/redact/node`): a Transform that masks a byte or text stream.
import { Transform } from 'node:stream';
import type { Redactor } from './types.js';

/**
 * Returns a Node Transform that masks everything passing through one session of `redactor` (UTF-8 out).
 *
 * @example
 * child.stdout.pipe(createRedactTransform(redactor)).pipe(process.stdout);
 */
export function createRedactTransform(redactor: Redactor): Transform {
  const session = redactor.stream();
  return new Transform({
    transform(chunk: Uint8Array | string, _encoding, callback) {
      const out = session.write(chunk);
      callback(null, out === '' ? undefined : out);
    },
    flush(callback) {
      const out = session.flush();
      callback(null, out === '' ? undefined : out);
    },
  });
}
