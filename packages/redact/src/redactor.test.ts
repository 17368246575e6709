// Tests of createRedactor: every form, longest match, policy warnings, counts and the summary line.
import { describe, expect, it } from 'vitest';
import { RedactError } from './errors.js';
import { createRedactor } from './redactor.js';

const b64 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('createRedactor', () => {
  it('masks the literal and leaves other text untouched', () => {
    const r = createRedactor([{ name: 'DB_PASSWORD', value: 'hunter2!' }]);
    expect(r.redact('login with hunter2! now')).toBe('login with **** now');
    expect(r.redact('nothing to see here')).toBe('nothing to see here');
    expect(r.size).toBe(1);
  });

  it('masks the longest of nested secrets and merges overlapping ones', () => {
    const r = createRedactor([
      { name: 'SHORT', value: 'abcd' },
      { name: 'LONG', value: 'abcdefgh' },
      { name: 'OTHER', value: 'ghijk' },
    ]);
    expect(r.redact('x abcdefgh y abcd z')).toBe('x **** y **** z');
    expect(r.redact('abcdefghijk!')).toBe('****!');
    expect(r.counts()).toEqual(
      new Map([
        ['LONG', 2],
        ['SHORT', 1],
        ['OTHER', 1],
      ]),
    );
  });

  it('masks each line of a multi-line secret and the whole', () => {
    const pem = '-----BEGIN KEY-----\nMIIBVwIBADANBgkq\r\nhkiG9w0BAQEFAASC\n-----END KEY-----\n';
    const r = createRedactor([{ name: 'KEY', value: pem }]);
    expect(r.redact(`key:\n${pem}done`)).toBe('key:\n****done');
    expect(r.redact('line: hkiG9w0BAQEFAASC only')).toBe('line: **** only');
  });

  it('masks base64 of the secret on its own and inside longer base64 at every alignment', () => {
    const secret = 's3cr3t-Päss';
    const r = createRedactor([{ name: 'S', value: secret }]);
    expect(r.redact(`token=${b64(secret)};`)).toMatch(/^token=\*\*\*\*;$/);
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      const encoded = b64(`${prefix}${secret}trailing bytes`);
      const out = r.redact(encoded);
      expect(out, prefix).toContain('****');
      // at most 3 characters at each edge of the secret's span survive
      expect(out.length, prefix).toBeLessThanOrEqual(encoded.length - Math.floor((secret.length * 4) / 3) + 4 + 6);
    }
    const url = b64(`xy${secret}`).replaceAll('+', '-').replaceAll('/', '_');
    expect(r.redact(url)).toContain('****');
  });

  it('masks percent-, JSON-, shell- and XML-escaped forms', () => {
    const secret = `p@ss w/"q'$<&>é`;
    const r = createRedactor([{ name: 'P', value: secret }]);
    const forms = [
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ v: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      `'${secret.replaceAll("'", `'\\''`)}'`,
      secret.replaceAll('$', '$$'),
      secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'),
    ];
    for (const form of forms) expect(r.redact(`[${form}]`), form).not.toContain(form);
    for (const form of forms) expect(r.redact(`[${form}]`), form).toContain('****');
  });

  it('reports too-short and blank values by name and does not mask them', () => {
    const r = createRedactor([
      { name: 'PIN', value: '12' },
      { name: 'EMPTY', value: '  ' },
      { name: 'OK', value: 'long enough' },
    ]);
    expect(r.warnings.map((w) => [w.code, w.name])).toEqual([
      ['ERR_SECRET_TOO_SHORT', 'PIN'],
      ['ERR_SECRET_BLANK', 'EMPTY'],
    ]);
    expect(r.warnings.map((w) => w.message).join()).not.toContain('12');
    expect(r.redact('pin 12, long enough')).toBe('pin 12, ****');
    expect(r.size).toBe(1);
  });

  it('throws ERR_SECRET_TOO_SHORT under onUnmaskable: error, naming every secret', () => {
    const attempt = () =>
      createRedactor(
        [
          { name: 'PIN', value: '123' },
          { name: 'B', value: '' },
        ],
        { onUnmaskable: 'error' },
      );
    expect(attempt).toThrow(RedactError);
    try {
      attempt();
    } catch (error) {
      expect((error as RedactError).code).toBe('ERR_SECRET_TOO_SHORT');
      expect((error as RedactError).warnings.map((w) => w.name)).toEqual(['PIN', 'B']);
    }
  });

  it('rejects bad options with ERR_INVALID_OPTIONS', () => {
    expect(() => createRedactor([], { minLength: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
    expect(() => createRedactor([], { forms: { rot13: true } as never })).toThrow(/unknown form "rot13"/);
  });

  it('honours the mask and form switches', () => {
    const secret = 'tab\there';
    const r = createRedactor([{ name: 'X', value: secret }], { mask: '[hidden]', forms: { json: false } });
    expect(r.redact(secret)).toBe('[hidden]');
    expect(r.redact(JSON.stringify(secret))).toBe(JSON.stringify(secret));
  });

  it('summarises counts and warnings, and with() adds secrets keeping counts', () => {
    const r = createRedactor([
      { name: 'DB_PASSWORD', value: 'hunter22' },
      { name: 'API_KEY', value: 'key-123456' },
      { name: 'PIN', value: '1' },
    ]);
    r.redact('hunter22 hunter22 key-123456');
    expect(r.summary()).toBe(
      'ksm: masked 3 occurrence(s) of 2 secret(s): DB_PASSWORD ×2, API_KEY ×1; not masked: PIN (too short)',
    );
    const more = r.with([{ name: 'TOKEN', value: 'tok-abcdef' }]);
    expect(more.size).toBe(3);
    expect(more.redact('tok-abcdef hunter22')).toBe('**** ****');
    expect(more.counts().get('DB_PASSWORD')).toBe(3);
    expect(r.counts().get('DB_PASSWORD')).toBe(2);
    expect(createRedactor([]).summary()).toBe('ksm: masked 0 occurrence(s) of 0 secret(s)');
  });
});
