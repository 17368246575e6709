// Tests of the Web Streams adapter (runs in Node and workerd): bytes and strings in, masked UTF-8 out.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import { redactTransformStream } from './web-stream.js';

describe('redactTransformStream', () => {
  it('masks a response body whose secret is split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('{"token":"tök-123456"}');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.subarray(i, i + 5));
        controller.close();
      },
    });
    const redactor = createRedactor([{ name: 'TOKEN', value: 'tök-123456' }]);
    const masked = await new Response(body.pipeThrough(redactTransformStream(redactor))).text();
    expect(masked).toBe('{"token":"****"}');
    expect(redactor.counts().get('TOKEN')).toBe(1);
  });

  it('accepts string chunks', async () => {
    const body = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('a=hunt');
        controller.enqueue('er22;');
        controller.close();
      },
    });
    const stream = body.pipeThrough(redactTransformStream(createRedactor([{ name: 'P', value: 'hunter22' }])));
    expect(await new Response(stream).text()).toBe('a=****;');
  });
});
