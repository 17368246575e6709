// Property tests (fast-check): random secrets in every form, randomly chunked, never leak; other text passes as is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import type { SecretInput } from './types.js';

const MIN = 4;
const encoder = new TextEncoder();
const binary = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
const toUrl = (b64: string): string => b64.replaceAll('+', '-').replaceAll('/', '_');

/**
 * The base64 characters of `secret` that do not depend on its neighbours, found independently of the library:
 * encode it between all-zero and all-one filler bytes and keep the characters on which both encodings agree.
 */
function stableBase64(secret: string, shift: number): string {
  const bytes = encoder.encode(secret);
  const around = (fill: number) => {
    const all = new Uint8Array(shift + bytes.length + 3).fill(fill);
    all.set(bytes, shift);
    return btoa(binary(all));
  };
  const [zeros, ones] = [around(0), around(255)];
  let stable = '';
  for (let j = 0; j < zeros.length; j++) if (zeros[j] === ones[j] && zeros[j] !== '=') stable += zeros[j];
  return stable;
}

/** Every form the issue lists, computed with platform encoders (an oracle independent of the library). */
function formsOf(secret: string): string[] {
  const lines = !/[\r\n]/.test(secret)
    ? []
    : secret
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= MIN);
  const base64 = [0, 1, 2].map((shift) => stableBase64(secret, shift)).filter((s) => s.length >= MIN);
  const percent = [
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ];
  return [
    secret,
    ...lines,
    ...base64,
    ...base64.map(toUrl),
    btoa(binary(encoder.encode(secret))),
    ...percent,
    ...percent.map((p) => p.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())),
    JSON.stringify(secret).slice(1, -1),
    secret.replaceAll("'", `'\\''`),
    secret.replaceAll('$', '$$$$'),
    secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
    secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'),
  ];
}

/** How each form is embedded in output: base64 forms inside a longer base64 text, the rest as they are. */
const embeddings = (secret: string, pad: Uint8Array, tail: Uint8Array): string[] => {
  const bytes = encoder.encode(secret);
  const whole = new Uint8Array([...pad, ...bytes, ...tail]);
  const inside = btoa(binary(whole));
  return [...formsOf(secret), inside, toUrl(inside), btoa(binary(bytes)).replace(/=+$/, '')];
};

/** The first `n` code points of `value` (prefixes never split a surrogate pair). */
const codePrefix = (value: string, n: number): string => [...value].slice(0, n).join('');
const noStar = (s: string) => !s.includes('*');
const ascii = fc.string({ unit: fc.constantFrom(...'abcdeXYZ019+/=-_%"\'\\$&<> \t'), minLength: 1, maxLength: 12 });
const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
const multiLine = fc
  .array(fc.oneof(ascii, unicode), { minLength: 2, maxLength: 4 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
const oneChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
const secretValue = fc.oneof(ascii, unicode, multiLine, oneChar).filter(noStar);

/** A few secrets, some of which are prefixes of others. */
const secretSet = fc
  .uniqueArray(secretValue, { minLength: 1, maxLength: 5 })
  .chain((values) =>
    fc
      .subarray(values)
      .chain((bases) =>
        fc.tuple(...bases.map((v) => fc.integer({ min: 1, max: [...v].length }).map((n) => codePrefix(v, n)))),
      )
      .map((prefixes) => [...new Set([...values, ...prefixes.filter(noStar)])]),
  )
  .map((values): SecretInput[] => values.map((value, i) => ({ name: `SECRET_${i}`, value })));

const filler = fc.string({ unit: fc.constantFrom(...'ab XYZ01é🔑\n=:/"'), maxLength: 10 });

/** Splits text into random string chunks (possibly between surrogates) or random UTF-8 byte chunks. */
const chunked = (text: string, cuts: number[], bytes: boolean): (string | Uint8Array)[] => {
  const whole = bytes ? encoder.encode(text) : text;
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const chunks: (string | Uint8Array)[] = [];
  let last = 0;
  for (const point of [...points, whole.length]) {
    chunks.push(whole.slice(last, point));
    last = point;
  }
  return chunks;
};

const maskable = (value: string) => value.trim() !== '' && [...value].length >= MIN;

describe('redaction properties', () => {
  it('never leaves any form of a maskable secret in randomly chunked output, and reports the others', () => {
    fc.assert(
      fc.property(
        secretSet,
        fc.array(fc.tuple(filler, fc.nat(), fc.uint8Array({ maxLength: 4 }), fc.uint8Array({ maxLength: 4 }))),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (secrets, pieces, cuts, asBytes) => {
          const redactor = createRedactor(secrets);
          const reported = new Set(redactor.warnings.map((w) => w.name));
          for (const { name, value } of secrets) expect(reported.has(name), name).toBe(!maskable(value));
          const values = secrets.map((s) => s.value);
          const text = pieces
            .map(([pre, pick, pad, tail]) => {
              const secret = values[pick % values.length]!;
              const forms = embeddings(secret, pad, tail);
              return pre + forms[pick % forms.length];
            })
            .join('');
          const session = redactor.stream();
          const out = chunked(text, cuts, asBytes)
            .map((chunk) => session.write(chunk))
            .concat(session.flush())
            .join('');
          expect(out).toBe(redactor.redact(text));
          for (const value of values.filter(maskable)) {
            for (const form of formsOf(value)) expect(out, JSON.stringify([value, form])).not.toContain(form);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes text without secrets through byte for byte, in any chunking', () => {
    fc.assert(
      fc.property(
        secretSet,
        fc.array(fc.oneof(filler, fc.string({ unit: 'grapheme' })), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (secrets, parts, cuts, asBytes) => {
          // near-misses: every maskable secret with its last character dropped
          const values = secrets.map((s) => s.value).filter(maskable);
          const text = parts.map((part, i) => part + codePrefix(values[i % (values.length || 1)] ?? '', -1)).join('');
          fc.pre(values.every((value) => formsOf(value).every((form) => !text.includes(form))));
          const redactor = createRedactor(secrets);
          const session = redactor.stream();
          const out = chunked(text, cuts, asBytes)
            .map((chunk) => session.write(chunk))
            .concat(session.flush())
            .join('');
          expect(out).toBe(text);
          expect([...redactor.counts().values()].reduce((a, b) => a + b, 0)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
