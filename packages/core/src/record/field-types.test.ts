import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, isFieldTypeName } from './field-types.js';

// Spec §6.2: the types Python's RecordCreate accepts for new records (every current type).
const CREATABLE =
  'accountNumber address addressRef appFiller bankAccount birthDate cardRef checkbox databaseType date directoryType dropdown email expirationDate fileRef host isSSIDHidden keyPair licenseNumber login multiline name note oneTimeCode otp pamHostname pamRemoteBrowserSettings pamResources pamSettings passkey password paymentCard phone pinCode rbiUrl recordRef schedule script secret securityQuestion text trafficEncryptionSeed url wifiEncryption'.split(
    ' ',
  );

describe('FIELD_TYPES', () => {
  it('lists every current type of spec §6.2 and the three retired ones, flagged', () => {
    const current = Object.entries(FIELD_TYPES).filter(([, info]) => !info.retired);
    const retired = Object.entries(FIELD_TYPES).filter(([, info]) => info.retired);
    expect(current.map(([name]) => name).sort()).toEqual([...CREATABLE].sort());
    expect(retired.map(([name]) => name).sort()).toEqual(['controller', 'pamProvider', 'trafficEncryptionKey']);
    expect(FIELD_TYPES.trafficEncryptionKey.replacedBy).toBe('trafficEncryptionSeed');
  });

  it('gives each type the value kind of the spec table', () => {
    const kinds = (kind: string) =>
      Object.entries(FIELD_TYPES)
        .filter(([, info]) => info.kind === kind && !info.retired)
        .map(([name]) => name)
        .sort();
    expect(kinds('uid-ref')).toEqual(['addressRef', 'cardRef', 'fileRef', 'recordRef']);
    expect(kinds('date-ms')).toEqual(['birthDate', 'date', 'expirationDate']);
    expect(kinds('boolean')).toEqual(['checkbox', 'isSSIDHidden']);
    expect(kinds('string')).toHaveLength(19);
    expect(kinds('object')).toHaveLength(16);
    expect(Object.keys(FIELD_TYPES.address.shape?.properties ?? {})).toEqual([
      'street1',
      'street2',
      'city',
      'state',
      'zip',
      'country',
    ]);
    expect(FIELD_TYPES.schedule.shape?.properties.intervalCount).toBe('number');
    expect(FIELD_TYPES.pamResources.shape?.open).toBe(true);
    expect(FIELD_TYPES.phone.shape?.open).toBe(false);
  });

  it('recognises type names without inherited keys', () => {
    expect(isFieldTypeName('pamHostname')).toBe(true);
    expect(isFieldTypeName('file')).toBe(false); // the removed legacy field type
    expect(isFieldTypeName('constructor')).toBe(false);
  });
});
