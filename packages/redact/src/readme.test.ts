// The README's example, line by line, so the documented outputs stay true.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './index.js';

describe('README example', () => {
  it('prints what the README says', () => {
    const redactor = createRedactor([
      { name: 'DB_PASSWORD', value: 'hunter2!' },
      { name: 'PIN', value: '12' },
    ]);
    expect(redactor.redact('psql postgres://app:hunter2%21@db/app')).toBe('psql postgres://app:****@db/app');
    expect(redactor.warnings.map((w) => w.message)).toEqual([
      'PIN: the value is shorter than 4 characters and is not masked',
    ]);
    const session = redactor.stream();
    let out = session.write('login: hun');
    expect(out).toBe('login: ');
    out += session.write('ter2! done');
    out += session.flush();
    expect(out).toBe('login: **** done');
    expect(redactor.summary()).toBe(
      'ksm: masked 2 occurrence(s) of 1 secret(s): DB_PASSWORD ×2; not masked: PIN (too short)',
    );
  });
});
