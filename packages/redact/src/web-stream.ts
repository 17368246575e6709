// A Web Streams adapter (Workers, Deno, browsers, Node): masks text or UTF-8 bytes flowing through it.
import type { Redactor } from './types.js';

/**
 * Returns a TransformStream that masks everything passing through one session of `redactor`, emitting UTF-8.
 *
 * @example
 * const masked = upstream.body!.pipeThrough(redactTransformStream(redactor));
 * return new Response(masked, upstream);
 */
export function redactTransformStream(redactor: Redactor): TransformStream<Uint8Array | string, Uint8Array> {
  const session = redactor.stream();
  const encoder = new TextEncoder();
  return new TransformStream({
    transform(chunk, controller) {
      const out = session.write(chunk);
      if (out !== '') controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      const out = session.flush();
      if (out !== '') controller.enqueue(encoder.encode(out));
    },
  });
}
