// Tests of secretForms: the patterns a redactor masks for one value, for tools that register masks elsewhere.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import { secretForms } from './secret-forms.js';

describe('secretForms', () => {
  it('lists the literal, encoded forms and lines, without repeats', () => {
    const forms = secretForms('a b/c"d\nline two');
    expect(forms).toEqual(expect.arrayContaining(['a b/c"d\nline two', 'a%20b%2Fc%22d%0Aline%20two', 'line two']));
    expect(forms).toContain(btoa('a b/c"d\nline two'));
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('lists nothing for a value the redactor would not mask, and honours form switches', () => {
    expect(secretForms('abc')).toEqual([]);
    expect(secretForms('   \n ')).toEqual([]);
    expect(secretForms('a<b>c&d', { forms: { xml: false, percent: false, base64: false, base64url: false } })).toEqual([
      'a<b>c&d',
      'a\\u003cb\\u003ec\\u0026d',
      'a\\<b\\>c\\&d',
    ]);
  });

  it('every listed form is masked by a redactor with the same options', () => {
    const value = "it's $5 & <ok>";
    const redactor = createRedactor([{ name: 'V', value }]);
    for (const form of secretForms(value)) expect(redactor.redact(`[${form}]`), form).not.toContain(form);
  });
});
