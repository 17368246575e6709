import { describe, expect, it } from 'vitest';
import { nodeFetchResponse } from './node-fetch-response.js';

describe('nodeFetchResponse', () => {
  it('gives exactly the body bytes, never the rest of a pooled buffer', async () => {
    const small = Buffer.from('small body'); // allocated from Node's shared pool
    const response = nodeFetchResponse(200, {}, small);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(small.length);
    expect(new TextDecoder().decode(bytes)).toBe('small body');
    expect(await response.text()).toBe('small body');
  });

  it('hands a large body over without copying, with status and headers', async () => {
    const large = Buffer.alloc(64 * 1024, 7);
    const response = nodeFetchResponse(
      404,
      { 'content-type': 'x/y', via: ['a', 'b'] as unknown as string, 'set-cookie': ['s=1'] },
      large,
    );
    expect(await response.arrayBuffer()).toBe(large.buffer);
    expect(response.ok).toBe(false);
    expect(response.status).toBe(404);
    expect(response.headers).toEqual({ 'content-type': 'x/y', via: 'a, b' });
    expect(nodeFetchResponse(204, {}, Buffer.alloc(0)).ok).toBe(true);
  });
});
