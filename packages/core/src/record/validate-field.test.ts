import { describe, expect, it } from 'vitest';
import { expectKsmError } from '../test-support/ksm-error-of.js';
import { FIELD_TYPES } from './field-types.js';
import type { FieldTypeName } from './field-values.js';
import { validateField, validateFieldValue } from './validate-field.js';

const UID = 'HKGdx7dSrtuTfA67wiEZkw';
const SECRET_MARKER = 'ZZ-secret-value-ZZ';

type Case = { valid: unknown[][]; invalid: [value: unknown[], reason: string, property?: string][] };

const text: Case = {
  valid: [['x', ''], [], [SECRET_MARKER]],
  invalid: [
    [[1], 'wrong-type'],
    [[null], 'wrong-type'],
  ],
};
const ref: Case = {
  valid: [[UID, 'L-b-Ijj9rqd-3spgNZiZWA'], []],
  invalid: [
    [[SECRET_MARKER], 'invalid-uid'],
    [[`${UID}x`], 'invalid-uid'],
    [[7], 'wrong-type'],
  ],
};
const date: Case = {
  valid: [[1629142801191, 0, -86400000]],
  invalid: [
    [['2021-01-01'], 'wrong-type'],
    [[1.5], 'wrong-type'],
    [[Number.NaN], 'wrong-type'],
  ],
};
const bool: Case = {
  valid: [[true, false]],
  invalid: [
    [['true'], 'wrong-type'],
    [[1], 'wrong-type'],
  ],
};
const host: Case = {
  valid: [[{ hostName: 'db', port: '5432' }, {}]],
  invalid: [
    [[{ hostName: 'db', port: 5432 }], 'wrong-type', 'port'],
    [[{ hostname: SECRET_MARKER }], 'unknown-property', 'hostname'],
    [['db:5432'], 'wrong-type'],
  ],
};

/** Hand-written accept/reject examples for every current field type (spec §6.2). */
const CASES: Record<Exclude<FieldTypeName, 'trafficEncryptionKey' | 'pamProvider' | 'controller'>, Case> = {
  login: text,
  password: text,
  url: text,
  email: text,
  text,
  multiline: text,
  secret: text,
  note: text,
  pinCode: text,
  accountNumber: text,
  licenseNumber: text,
  oneTimeCode: { valid: [['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP']], invalid: [[[{ uri: 'x' }], 'wrong-type']] },
  otp: text,
  dropdown: text,
  rbiUrl: text,
  wifiEncryption: text,
  databaseType: text,
  directoryType: text,
  trafficEncryptionSeed: text,
  fileRef: ref,
  addressRef: ref,
  cardRef: ref,
  recordRef: ref,
  date,
  birthDate: date,
  expirationDate: date,
  checkbox: bool,
  isSSIDHidden: bool,
  name: {
    valid: [[{ first: 'Jenny', middle: 'X', last: 'Smith' }, { last: 'Only' }]],
    invalid: [
      [[{ firstName: 'Jenny' }], 'unknown-property', 'firstName'],
      [[{ first: ['Jenny'] }], 'wrong-type', 'first'],
      [[null], 'wrong-type'],
      [[['Jenny']], 'wrong-type'],
    ],
  },
  phone: {
    valid: [[{ region: 'US', number: '555-5555555', ext: '55', type: 'Mobile' }]],
    invalid: [[[{ number: 5555555 }], 'wrong-type', 'number']],
  },
  address: {
    valid: [[{ street1: '1 Main St', street2: '', city: 'X', state: 'CA', zip: '90000', country: 'US' }]],
    invalid: [
      [[{ zip: 90000 }], 'wrong-type', 'zip'],
      [[{ postcode: '1' }], 'unknown-property', 'postcode'],
    ],
  },
  host,
  pamHostname: host,
  paymentCard: {
    valid: [[{ cardNumber: '4111111111111111', cardExpirationDate: '01/2030', cardSecurityCode: '123' }]],
    invalid: [[[{ cardNumber: 4111111111111111 }], 'wrong-type', 'cardNumber']],
  },
  bankAccount: {
    valid: [[{ accountType: 'Checking', routingNumber: '1', accountNumber: '2', otherType: '' }]],
    invalid: [[[{ accountType: 'Checking', iban: 'x' }], 'unknown-property', 'iban']],
  },
  keyPair: {
    valid: [[{ publicKey: '-----BEGIN PUBLIC KEY-----', privateKey: '-----BEGIN PRIVATE KEY-----' }]],
    invalid: [[[{ privateKey: { pem: SECRET_MARKER } }], 'wrong-type', 'privateKey']],
  },
  securityQuestion: {
    valid: [[{ question: 'Pet?', answer: 'Rex' }]],
    invalid: [[[{ question: 'Pet?', answer: 42 }], 'wrong-type', 'answer']],
  },
  schedule: {
    valid: [[{ type: 'DAILY', cron: '0 0 * * *', time: '00:00', tz: 'UTC', weekday: 'MONDAY', intervalCount: 1 }]],
    invalid: [
      [[{ intervalCount: '1' }], 'wrong-type', 'intervalCount'],
      [[{ utcTime: '00:00' }], 'unknown-property', 'utcTime'],
    ],
  },
  script: {
    valid: [[{ fileRef: UID, command: 'rotate.sh', recordRef: [UID] }]],
    invalid: [[[{ recordRef: UID }], 'wrong-type', 'recordRef']],
  },
  passkey: {
    valid: [
      [
        {
          privateKey: { crv: 'P-256', d: 'd', ext: true, key_ops: ['sign'], kty: 'EC', x: 'x', y: 'y', alg: 'ES256' },
          credentialId: 'c',
          signCount: 3,
          userId: 'u',
          relyingParty: 'example.com',
          username: 'alice',
          createdDate: 1700000000000,
        },
      ],
    ],
    invalid: [
      [[{ privateKey: { key_ops: 'sign' } }], 'wrong-type', 'privateKey.key_ops'],
      [[{ signCount: '3' }], 'wrong-type', 'signCount'],
    ],
  },
  pamResources: {
    valid: [
      [
        {
          controllerUid: UID,
          folderUid: UID,
          resourceRef: [UID],
          allowedSettings: { connections: true, rotation: false, remoteBrowserIsolation: true },
          futureKey: 1,
        },
      ],
    ],
    invalid: [
      [[{ allowedSettings: { rotation: 'yes' } }], 'wrong-type', 'allowedSettings.rotation'],
      [[{ resourceRef: [1] }], 'wrong-type', 'resourceRef'],
    ],
  },
  pamSettings: {
    valid: [
      [
        {
          portForward: [{ reusePort: true, port: '2222' }],
          connection: [{ protocol: 'ssh', userRecords: [UID], security: 'any', ignoreCert: false, port: '22' }],
        },
      ],
    ],
    invalid: [
      [[{ connection: [{ protocol: 'ssh' }, { ignoreCert: 'no' }] }], 'wrong-type', 'connection[1].ignoreCert'],
      [[{ portForward: { port: '1' } }], 'wrong-type', 'portForward'],
    ],
  },
  pamRemoteBrowserSettings: {
    valid: [
      [{ connection: { protocol: 'http', userRecords: [], allowUrlManipulation: true, httpCredentialsUid: UID } }],
    ],
    invalid: [[[{ connection: { allowUrlManipulation: 'true' } }], 'wrong-type', 'connection.allowUrlManipulation']],
  },
  appFiller: {
    valid: [[{ applicationTitle: 'App', contentFilter: '*', macroSequence: '{TAB}' }]],
    invalid: [[[{ applicationTitle: 1 }], 'wrong-type', 'applicationTitle']],
  },
};

const rejection = (fn: () => unknown) => expectKsmError(fn, 'ERR_INVALID_RECORD');

describe('validateFieldValue', () => {
  it('has examples for every current field type', () => {
    const current = Object.entries(FIELD_TYPES)
      .filter(([, info]) => !info.retired)
      .map(([name]) => name);
    expect(Object.keys(CASES).sort()).toEqual(current.sort());
  });

  for (const [type, { valid, invalid }] of Object.entries(CASES)) {
    it(`accepts and rejects "${type}" values by shape, naming type, index and property but never the value`, () => {
      for (const value of valid) expect(() => validateFieldValue(type, value)).not.toThrow();
      for (const [value, reason, property] of invalid) {
        const error = rejection(() => validateFieldValue(type, value));
        expect(error.details).toMatchObject({ fieldType: type, index: 0, reason, property: property ?? null });
        expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain(SECRET_MARKER);
      }
    });
  }

  it('reports the index of the first bad element', () => {
    const error = rejection(() => validateFieldValue('login', ['a', 'b', 3]));
    expect(error.details).toMatchObject({ fieldType: 'login', index: 2 });
  });

  it('rejects non-arrays, unknown types and retired types', () => {
    expect(rejection(() => validateFieldValue('login', SECRET_MARKER)).details.reason).toBe('not-an-array');
    expect(rejection(() => validateFieldValue('nope', [])).details.reason).toBe('unknown-type');
    expect(rejection(() => validateFieldValue('toString', [])).details.reason).toBe('unknown-type');
    for (const retired of ['trafficEncryptionKey', 'pamProvider', 'controller']) {
      expect(rejection(() => validateFieldValue(retired, [])).details).toMatchObject({
        fieldType: retired,
        reason: 'retired-type',
      });
    }
  });
});

describe('validateField', () => {
  it('accepts a complete password field and keeps unknown keys allowed', () => {
    const field = {
      type: 'password',
      label: 'Root',
      value: ['x'],
      required: true,
      privacyScreen: false,
      enforceGeneration: true,
      complexity: { length: 32, caps: 1, lowercase: 1, digits: 1, special: 1 },
      somethingNew: { a: 1 },
    };
    expect(() => validateField(field)).not.toThrow();
  });

  it.each(['required', 'privacyScreen', 'enforceGeneration'])('names a non-boolean %s flag as the property', (flag) => {
    const error = rejection(() => validateField({ type: 'password', value: [], [flag]: 'true' }));
    expect(error.details).toMatchObject({ property: flag, reason: 'invalid-flag' });
  });

  it('rejects malformed field objects with the location it was given', () => {
    const at = { section: 'custom', fieldIndex: 4 } as const;
    const cases: [unknown, string][] = [
      [null, 'invalid-field'],
      [['login'], 'invalid-field'],
      [{ value: [] }, 'invalid-field'],
      [{ type: '', value: [] }, 'invalid-field'],
      [{ type: 'login', label: 5, value: [] }, 'invalid-label'],
      [{ type: 'login', value: [], required: 1 }, 'invalid-flag'],
      [{ type: 'login', value: [], privacyScreen: 'true' }, 'invalid-flag'],
      [{ type: 'password', value: [], enforceGeneration: 'yes' }, 'invalid-flag'],
      [{ type: 'password', value: [], enforceGeneration: 0 }, 'invalid-flag'],
      [{ type: 'password', value: [], complexity: { length: '32' } }, 'invalid-complexity'],
      [{ type: 'login', value: SECRET_MARKER }, 'not-an-array'],
      [{ type: 'login' }, 'not-an-array'],
    ];
    for (const [field, reason] of cases) {
      const error = rejection(() => validateField(field, at));
      expect(error.details).toMatchObject({ section: 'custom', fieldIndex: 4, reason });
      expect(error.message).not.toContain(SECRET_MARKER);
    }
  });
});
