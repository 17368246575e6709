// Differential property test: with only the literal form on, the automaton's output equals a brute-force masker.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

/** Brute force: every occurrence of every secret as [start, end); overlapping ones merge; one mask per region. */
function bruteForce(text: string, secrets: readonly string[], mask: string): string {
  const spans: [number, number][] = [];
  for (const secret of secrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1))
      spans.push([at, at + secret.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let out = '';
  let cursor = 0;
  let region: [number, number] | undefined;
  for (const [start, end] of spans) {
    if (region !== undefined && start < region[1]) region[1] = Math.max(region[1], end);
    else {
      if (region !== undefined) out += text.slice(cursor, region[0]) + mask;
      if (region !== undefined) cursor = region[1];
      region = [start, end];
    }
  }
  if (region !== undefined) {
    out += text.slice(cursor, region[0]) + mask;
    cursor = region[1];
  }
  return out + text.slice(cursor);
}

const alphabet = fc.constantFrom(...'abcab\n');
const secret = fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '');

describe('literal masking', () => {
  it('equals brute force for any minimum length, chunking and overlapping secrets', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(secret, { minLength: 1, maxLength: 4 }),
        fc.string({ unit: alphabet, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat({ max: 60 }), { maxLength: 8 }),
        (values, text, minLength, cuts) => {
          const forms = {
            lines: false,
            base64: false,
            base64url: false,
            percent: false,
            json: false,
            shell: false,
            xml: false,
          };
          const redactor = createRedactor(
            values.map((value, i) => ({ name: `S${i}`, value })),
            { minLength, forms, mask: '#' },
          );
          const maskable = values.filter((v) => [...v].length >= minLength);
          const expected = bruteForce(text, maskable, '#');
          const points = [...new Set(cuts.filter((c) => c <= text.length))].sort((a, b) => a - b);
          const session = redactor.stream();
          let out = '';
          let last = 0;
          for (const point of [...points, text.length]) {
            out += session.write(text.slice(last, point));
            last = point;
          }
          out += session.flush();
          expect(out).toBe(expected);
          expect(redactor.warnings.length).toBe(values.length - maskable.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
