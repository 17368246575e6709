// Tests of the masking stream: whole, split and overlapping secrets, multi-byte text, streaming.
import { describe, expect, it } from 'vitest';
import { createMaskStream } from './mask-stream.js';

/** Feeds `chunks` through a mask stream and returns everything it emitted. */
async function run(secrets: readonly string[], chunks: readonly string[]): Promise<string> {
  const stream = createMaskStream(secrets);
  const out: string[] = [];
  stream.on('data', (chunk: Buffer | string) => out.push(chunk.toString()));
  const done = new Promise((resolve) => stream.on('end', resolve));
  for (const chunk of chunks) stream.write(Buffer.from(chunk));
  stream.end();
  await done;
  return out.join('');
}

describe('createMaskStream', () => {
  it('masks a secret in one chunk and when split across chunks', async () => {
    expect(await run(['hunter2'], ['pw=hunter2!'])).toBe('pw=****!');
    expect(await run(['hunter2'], ['pw=hun', 'te', 'r2 ok'])).toBe('pw=**** ok');
    expect(await run(['hunter2'], ['h', 'u', 'n', 't', 'e', 'r', '2'])).toBe('****');
  });

  it('passes through near-misses and masks the longest secret first', async () => {
    expect(await run(['hunter2'], ['hunt', 'er3'])).toBe('hunter3');
    expect(await run(['abc', 'abcdef'], ['xabcdefx abc'])).toBe('x****x ****');
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const bytes = Buffer.from('é secret é');
    const stream = createMaskStream(['secret']);
    const out: string[] = [];
    stream.on('data', (chunk: Buffer | string) => out.push(chunk.toString()));
    stream.write(bytes.subarray(0, 1));
    stream.write(bytes.subarray(1));
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(out.join('')).toBe('é **** é');
  });

  it('emits text that cannot start a secret without waiting for the end', async () => {
    const stream = createMaskStream(['hunter2']);
    const out: string[] = [];
    stream.on('data', (chunk: Buffer | string) => out.push(chunk.toString()));
    stream.write(Buffer.from('hello hun'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.join('')).toBe('hello ');
    stream.end();
  });
});
