// Tests of streaming sessions: secrets split across chunks and bytes, hold-back only of possible prefixes.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

const run = (secrets: string[], chunks: (string | Uint8Array)[]): string => {
  const session = createRedactor(secrets.map((value, i) => ({ name: `S${i}`, value }))).stream();
  return chunks.map((chunk) => session.write(chunk)).join('') + session.flush();
};

describe('RedactStream', () => {
  it('masks a secret in one chunk and split across chunks', () => {
    expect(run(['hunter2'], ['pw=hunter2!'])).toBe('pw=****!');
    expect(run(['hunter2'], ['pw=hun', 'te', 'r2 ok'])).toBe('pw=**** ok');
    expect(run(['hunter2'], [...'hunter2'])).toBe('****');
  });

  it('passes near-misses through and masks the longest secret', () => {
    expect(run(['hunter2'], ['hunt', 'er3'])).toBe('hunter3');
    expect(run(['abcd', 'abcdef'], ['xabcdefx abcd'])).toBe('x****x ****');
  });

  it('holds back only a tail that may start a secret', () => {
    const session = createRedactor([{ name: 'S', value: 'hunter2' }]).stream();
    expect(session.write('hello hun')).toBe('hello ');
    expect(session.write('dred ')).toBe('hundred ');
    expect(session.write('no match.')).toBe('no match.');
    expect(session.flush()).toBe('');
  });

  it('catches a secret split at every UTF-8 byte boundary', () => {
    const secret = 'pässwörd-🔑';
    const bytes = new TextEncoder().encode(`é ${secret} é`);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(run([secret], [bytes.subarray(0, cut), bytes.subarray(cut)]), String(cut)).toBe('é **** é');
    }
  });

  it('never emits half a surrogate pair', () => {
    const session = createRedactor([{ name: 'S', value: 'zzzzzz' }]).stream();
    const emoji = '🔑';
    expect(session.write(`a${emoji[0]}`)).toBe('a');
    expect(session.write(`${emoji[1]}b`)).toBe(`${emoji}b`);
  });

  it('keeps a region whole while a later overlapping match may extend it', () => {
    expect(run(['abcdef', 'defghi'], ['xxabcde', 'fghixx'])).toBe('xx****xx');
  });
});
