// Tests of the Node Transform adapter: masks a piped byte stream, including secrets split across writes.
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createRedactTransform } from './node.js';
import { createRedactor } from './redactor.js';

async function pipe(chunks: readonly Uint8Array[], secret: string): Promise<string> {
  const source = new PassThrough();
  const sink: Buffer[] = [];
  const done = pipeline(
    source,
    createRedactTransform(createRedactor([{ name: 'S', value: secret }])),
    async (stream) => {
      for await (const chunk of stream) sink.push(chunk as Buffer);
    },
  );
  for (const chunk of chunks) source.write(chunk);
  source.end();
  await done;
  return Buffer.concat(sink).toString('utf8');
}

describe('createRedactTransform', () => {
  it('masks a byte stream with the secret split inside a multi-byte character', async () => {
    const bytes = Buffer.from('é sécret é');
    expect(await pipe([bytes.subarray(0, 4), bytes.subarray(4)], 'sécret')).toBe('é **** é');
  });

  it('emits text that cannot start a secret before the stream ends', async () => {
    const transform = createRedactTransform(createRedactor([{ name: 'S', value: 'hunter2' }]));
    const out: string[] = [];
    transform.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    transform.write(Buffer.from('hello hun'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.join('')).toBe('hello ');
    transform.end('ter2');
    await new Promise((resolve) => transform.on('end', resolve));
    expect(out.join('')).toBe('hello ****');
  });
});
