// Unit tests of the binary-safe multipart parser (JS SDK and Python requests shapes).
import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipart.js';

const enc = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('parseMultipart', () => {
  it('reads the JS SDK shape: CRLF preamble, no filename, binary content', () => {
    const binary = new Uint8Array([0, 13, 10, 45, 45, 255, 1]);
    const body = join(
      enc('\r\n--b0\r\nContent-Disposition: form-data; name="key"\r\n\r\nUID\r\n'),
      enc('--b0\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      binary,
      enc('\r\n--b0--\r\n'),
    );
    const parts = parseMultipart(body, 'b0');
    expect(parts?.map((p) => [p.name, p.filename])).toEqual([
      ['key', null],
      ['file', null],
    ]);
    expect([...(parts?.[1]?.body ?? [])]).toEqual([...binary]);
  });

  it('reads a filename and rejects malformed bodies', () => {
    const body = enc('--x\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n\r\nabc\r\n--x--');
    expect(parseMultipart(body, 'x')?.[0]).toMatchObject({ name: 'file', filename: 'file' });
    expect(parseMultipart(enc('no boundary here'), 'x')).toBeUndefined();
    expect(
      parseMultipart(enc('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'x'),
    ).toBeUndefined();
  });

  it('extracts quoted and bare boundaries', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data; boundary=--abc; charset=x')).toBe('--abc');
    expect(multipartBoundary('application/json')).toBeUndefined();
  });
});
