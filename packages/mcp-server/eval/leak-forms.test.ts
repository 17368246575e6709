// The evaluation's leak detector finds each form it claims to, so a PASS in the table means something.
import { describe, expect, it } from 'vitest';
import { findLeaks } from './leak-forms.js';

const SECRET = 'CANARY-xyz-123456';

describe('findLeaks', () => {
  it.each([
    ['literal', `pw=${SECRET}`],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['reversed', [...SECRET].reverse().join('')],
    ['split across lines', `${SECRET.slice(0, 5)}\n${SECRET.slice(5)}`],
    ['split across escaped JSON lines', JSON.stringify(`${SECRET.slice(0, 5)}\n${SECRET.slice(5)}`)],
    ['percent-encoded', encodeURIComponent(`${SECRET}&`)],
  ])('finds the %s form', (_form, text) => {
    expect(findLeaks(text, [SECRET], [])).toEqual([SECRET]);
  });

  it('ignores allowed values and masked text', () => {
    expect(findLeaks(`x ${SECRET}`, [SECRET], [SECRET])).toEqual([]);
    expect(findLeaks('pw=****', [SECRET], [])).toEqual([]);
  });
});
