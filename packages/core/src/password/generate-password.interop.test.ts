// Differential test against the official JS SDK's generatePassword (Node only): outputs are random, so both
// generators are held to the same documented constraints for the same option sets.
import { generatePassword as sdkGeneratePassword } from '@keeper-security/secrets-manager-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKsmError } from '../errors.js';
import { generatePassword } from './generate-password.js';
import { type PasswordCase, passwordCase, passwordViolations } from './password-rules.test-support.js';

function sdk(options: PasswordCase): Promise<string> {
  return sdkGeneratePassword(
    options.length,
    options.lowercase ?? null,
    options.uppercase ?? null,
    options.digits ?? null,
    options.special ?? null,
    options.specialCharacterSet,
  );
}

describe('generatePassword agrees with the official SDK', () => {
  it('on length and constraint satisfaction for generated option sets', async () => {
    await fc.assert(
      fc.asyncProperty(passwordCase, async (options) => {
        const theirs = await sdk(options);
        const ours = generatePassword(options);
        expect(passwordViolations(theirs, options)).toEqual([]);
        expect(passwordViolations(ours, options)).toEqual([]);
        expect([...ours].length).toBe(theirs.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('on the defaults (32 characters; same special set)', async () => {
    const theirs = await sdkGeneratePassword();
    const ours = generatePassword();
    expect(ours).toHaveLength(theirs.length);
    expect(passwordViolations(theirs, {})).toEqual([]);
    expect(passwordViolations(ours, {})).toEqual([]);
  });

  it('except that an empty special set with special characters requested is an error, not "undefined" text', async () => {
    // The SDK samples `''[NaN]` twice and shuffles the two "undefined" strings into 18 letters.
    const theirs = await sdk({ length: 2, lowercase: 0, uppercase: 0, digits: 0, special: 2, specialCharacterSet: '' });
    expect(theirs).toMatch(/^[undefi]{18}$/);
    let caught: unknown;
    try {
      generatePassword({ length: 4, lowercase: 0, uppercase: 0, digits: 0, special: 2, specialCharacterSet: '' });
    } catch (error) {
      caught = error;
    }
    expect(isKsmError(caught, 'ERR_INVALID_PASSWORD_OPTIONS')).toBe(true);
  });
});
