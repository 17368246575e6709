import { describe, expect, it } from 'vitest';
import { outgoingRequest } from './outgoing-request.js';

describe('outgoingRequest', () => {
  it('takes bytes and a plain header object as they are', async () => {
    const body = new Uint8Array([1, 2, 3]);
    const out = await outgoingRequest('https://x.test/a', { method: 'post', body, headers: { PublicKeyId: '7' } });
    expect(out).toEqual({ method: 'POST', headers: { publickeyid: '7', 'content-length': '3' }, body });
    expect(out.body).toBe(body);
    expect(await outgoingRequest('https://x.test/a', {})).toEqual({ method: 'GET', headers: {}, body: null });
  });

  it('serialises other bodies and header shapes the way fetch would', async () => {
    const form = new FormData();
    form.append('key', 'value');
    form.append('file', new Blob([new Uint8Array([9])]), 'f.bin');
    const multipart = await outgoingRequest('https://x.test/upload', { method: 'POST', body: form });
    expect(multipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const text = new TextDecoder().decode(multipart.body as Uint8Array);
    expect(text).toContain('name="key"');
    expect(text).toContain('filename="f.bin"');
    expect(multipart.headers['content-length']).toBe(String(multipart.body?.length));

    const typed = await outgoingRequest('https://x.test/a', {
      method: 'PUT',
      body: 'hi',
      headers: new Headers({ A: 'b' }),
    });
    expect(typed.headers).toMatchObject({ a: 'b', 'content-type': 'text/plain;charset=UTF-8', 'content-length': '2' });
    expect(typed.method).toBe('PUT');
  });
});
