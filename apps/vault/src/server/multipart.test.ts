// Unit tests of the streaming multipart reader (JS SDK and Python requests shapes, limits, hostile bodies).
import { describe, expect, it } from 'vitest';
import { MAX_BOUNDARY_LENGTH, multipartBoundary, readMultipart } from './multipart.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** A stream of `body` cut into `piece`-byte chunks (so delimiters straddle chunk edges). */
function streamOf(body: Uint8Array, piece = 7): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

async function read(body: Uint8Array, boundary: string, piece = 7, maxBytes = 1_000_000) {
  const fields: Record<string, string> = {};
  const files: number[] = [];
  await readMultipart(
    streamOf(body, piece),
    boundary,
    {
      streamed: new Set(['file']),
      onField: (name, value) => {
        fields[name] = value;
      },
      onStreamChunk: (_name, bytes) => {
        files.push(...bytes);
      },
    },
    { maxBytes },
  );
  return { fields, file: files };
}

describe('readMultipart', () => {
  it('reads the JS SDK shape: CRLF preamble, no filename, binary content across chunk edges', async () => {
    const binary = [0, 13, 10, 45, 45, 98, 255, 1, 13, 10, 45];
    const body = new Uint8Array([
      ...enc('\r\n--b0\r\nContent-Disposition: form-data; name="key"\r\n\r\nUID'),
      ...enc(
        '\r\n--b0\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n',
      ),
      ...binary,
      ...enc('\r\n--b0--\r\n'),
    ]);
    for (const piece of [1, 3, 7, 1000]) {
      const { fields, file } = await read(body, 'b0', piece);
      expect(fields).toEqual({ key: 'UID' });
      expect(file).toEqual(binary);
    }
  });

  it('reads a filename part without a preamble and rejects malformed bodies with 400', async () => {
    const body = enc('--x\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n\r\nabc\r\n--x--');
    expect((await read(body, 'x')).file).toEqual([...enc('abc')]);
    await expect(read(enc('no boundary here'), 'x')).rejects.toMatchObject({ details: { status: 400 } });
    await expect(
      read(enc('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'x'),
    ).rejects.toMatchObject({ details: { status: 400 } });
    await expect(read(enc('--x\r\nContent-Disposition: form-data\r\n\r\na\r\n--x--'), 'x')).rejects.toMatchObject({
      details: { status: 400 },
    });
  });

  it('refuses a body larger than maxBytes with 413 and a field larger than 4 KiB with 400', async () => {
    const big = enc(`--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n${'a'.repeat(500)}\r\n--x--`);
    await expect(read(big, 'x', 64, 100)).rejects.toMatchObject({ details: { status: 413 } });
    const field = enc(`--x\r\nContent-Disposition: form-data; name="key"\r\n\r\n${'a'.repeat(5000)}\r\n--x--`);
    await expect(read(field, 'x', 64)).rejects.toMatchObject({ details: { status: 400 } });
  });

  it('reads a 2 MiB body of near-matches of a 70-character boundary once, answering 400', async () => {
    // Every line is the delimiter minus its last byte: a byte-by-byte search re-compares ~70 bytes per byte.
    const boundary = 'b'.repeat(MAX_BOUNDARY_LENGTH);
    const nearMatch = `\r\n--${boundary.slice(0, -1)}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`;
    const body = enc(head + nearMatch.repeat(Math.ceil((2 * 1024 * 1024) / nearMatch.length)));
    let pulls = 0;
    const stream = streamOf(body, 64 * 1024);
    const counted = stream.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          pulls += 1;
          controller.enqueue(chunk);
        },
      }),
    );
    let streamed = 0;
    await expect(
      readMultipart(
        counted,
        boundary,
        {
          streamed: new Set(['file']),
          onField: () => {},
          onStreamChunk: (_n, bytes) => {
            streamed += bytes.length;
          },
        },
        { maxBytes: 4 * 1024 * 1024 },
      ),
    ).rejects.toMatchObject({ details: { status: 400 } });
    expect(pulls).toBe(Math.ceil(body.length / (64 * 1024)));
    expect(streamed).toBeGreaterThan(body.length - head.length - 2 * nearMatch.length);
  });
});

describe('multipartBoundary', () => {
  it('extracts quoted and bare boundaries of 1-70 characters', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data; boundary=--abc; charset=x')).toBe('--abc');
    expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(70)}`)).toBe('x'.repeat(70));
    expect(multipartBoundary('application/json')).toBeUndefined();
  });

  it('refuses a boundary longer than 70 characters (RFC 2046) or with characters it does not allow', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
    expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(100_000)}`)).toBeUndefined();
    expect(multipartBoundary('multipart/form-data; boundary="a\u0001b"')).toBeUndefined();
  });
});
