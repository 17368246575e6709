import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from './field-types.js';
import { isRecordTypeName, RECORD_TYPES } from './record-types.js';

const layout = (type: keyof typeof RECORD_TYPES) =>
  RECORD_TYPES[type].map((d) => (d.label === undefined ? d.type : `${d.type}(${d.label})`)).join(', ');

describe('RECORD_TYPES', () => {
  it('lists the standard record types of spec §6.3', () => {
    expect(Object.keys(RECORD_TYPES).sort()).toEqual(
      [
        'login',
        'bankAccount',
        'address',
        'bankCard',
        'birthCertificate',
        'contact',
        'driverLicense',
        'encryptedNotes',
        'file',
        'healthInsurance',
        'membership',
        'passport',
        'photo',
        'serverCredentials',
        'softwareLicense',
        'ssnCard',
        'sshKeys',
        'databaseCredentials',
        'pamDatabase',
        'pamDirectory',
        'pamMachine',
        'pamUser',
        'pamAwsConfiguration',
        'pamAzureConfiguration',
        'pamLocalConfiguration',
        'pamNetworkConfiguration',
      ].sort(),
    );
  });

  it('has the standard fields of the spec table, in order', () => {
    expect(layout('login')).toBe('passkey, login, password, url, fileRef, oneTimeCode');
    expect(layout('bankCard')).toBe('paymentCard, text(Cardholder Name), pinCode, addressRef, fileRef');
    expect(layout('passport')).toBe(
      'accountNumber(Passport Number), name, birthDate, addressRef, expirationDate, date(Date Issued), password, fileRef',
    );
    expect(layout('databaseCredentials')).toBe('text(type), host, login, password, fileRef');
    expect(layout('pamUser')).toBe(
      'login, password, script(Rotation Scripts), secret(Private PEM Key), text(Distinguished Name), text(Connect Database), checkbox(Managed), fileRef, oneTimeCode',
    );
    expect(layout('pamLocalConfiguration')).toBe(
      'pamResources, schedule(Default Rotation Schedule), text(Local Id), multiline(Port Mapping), script(Rotation Scripts), fileRef',
    );
  });

  it('uses only current field types and is frozen', () => {
    for (const definitions of Object.values(RECORD_TYPES)) {
      for (const d of definitions) expect(FIELD_TYPES[d.type].retired).toBeUndefined();
    }
    expect(Object.isFrozen(RECORD_TYPES)).toBe(true);
    expect(Object.isFrozen(RECORD_TYPES.login)).toBe(true);
    expect(Object.isFrozen(RECORD_TYPES.login[0])).toBe(true);
    expect(isRecordTypeName('sshKeys')).toBe(true);
    expect(isRecordTypeName('hasOwnProperty')).toBe(false);
  });
});
