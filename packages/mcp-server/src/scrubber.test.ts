// The scrubber masks every remembered value in every form, keeps approved values for one call, spots hidden forms.
import { describe, expect, it } from 'vitest';
import { createScrubber } from './scrubber.js';

const SECRET = 'hunter2-Secret!';

describe('createScrubber', () => {
  it('masks literal, base64, reversed and hex forms, in text and deep in JSON (keys too)', () => {
    const scrubber = createScrubber();
    scrubber.remember([SECRET]);
    const hex = Buffer.from(SECRET).toString('hex');
    const text = `a ${SECRET} b ${Buffer.from(SECRET).toString('base64')} c ${[...SECRET].reverse().join('')} d ${hex}`;
    const out = scrubber.scrub(text);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(hex);
    expect(out).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(JSON.stringify(scrubber.scrubDeep({ [SECRET]: [SECRET, { x: SECRET }] }))).not.toContain(SECRET);
  });

  it('lets an approved value through only when asked', () => {
    const scrubber = createScrubber();
    scrubber.remember([SECRET, 'other-secret-value']);
    const out = scrubber.scrub(`${SECRET} other-secret-value`, new Set([SECRET]));
    expect(out).toBe(`${SECRET} ****`);
    expect(scrubber.scrub(SECRET)).toBe('****');
  });

  it('spots a value split by whitespace', () => {
    const scrubber = createScrubber();
    scrubber.remember([SECRET]);
    expect(scrubber.hidesSecret(`${SECRET.slice(0, 4)}\n${SECRET.slice(4)}`)).toBe(true);
    expect(scrubber.hidesSecret('nothing here')).toBe(false);
  });

  it('streams across chunk boundaries', () => {
    const scrubber = createScrubber();
    scrubber.remember([SECRET]);
    const session = scrubber.stream();
    const bytes = new TextEncoder().encode(`x${SECRET}y`);
    const out = session.write(bytes.subarray(0, 5)) + session.write(bytes.subarray(5)) + session.flush();
    expect(out).toBe('x****y');
  });
});
