// The table of every record field type (spec §6.2): value kind, object shape, and whether it is retired.
import type { FieldTypeName } from './field-values.js';

/** What one element of a field's `value` array is. `unknown` is only used for retired types of undocumented shape. */
export type FieldValueKind = 'string' | 'uid-ref' | 'date-ms' | 'boolean' | 'object' | 'unknown';

/** Shape of one property of an object-valued field element. */
export type PropertyShape = 'string' | 'number' | 'boolean' | 'string[]' | ObjectShape | ObjectArrayShape;

/**
 * Shape of an object element. `open` shapes (the PAM ones, which Keeper keeps extending) accept
 * properties not listed here; closed shapes reject them so that typos such as `hostname` are caught.
 */
export interface ObjectShape {
  readonly kind: 'object';
  readonly properties: Readonly<Record<string, PropertyShape>>;
  readonly open: boolean;
}

/** Shape of a property holding an array of objects. */
export interface ObjectArrayShape {
  readonly kind: 'array';
  readonly items: ObjectShape;
}

/** One row of {@link FIELD_TYPES}. */
export interface FieldTypeInfo {
  readonly kind: FieldValueKind;
  /** Present when `kind` is `object`. */
  readonly shape?: ObjectShape;
  /** Retired types are still read and preserved, but never written into new values. */
  readonly retired?: boolean;
  readonly replacedBy?: FieldTypeName;
}

function closed(properties: Record<string, PropertyShape>): ObjectShape {
  return { kind: 'object', properties, open: false };
}

function open(properties: Record<string, PropertyShape>): ObjectShape {
  return { kind: 'object', properties, open: true };
}

function strings(...names: string[]): Record<string, PropertyShape> {
  return Object.fromEntries(names.map((name) => [name, 'string' as const]));
}

const STRING: FieldTypeInfo = { kind: 'string' };
const UID_REF: FieldTypeInfo = { kind: 'uid-ref' };
const DATE: FieldTypeInfo = { kind: 'date-ms' };
const BOOLEAN: FieldTypeInfo = { kind: 'boolean' };
const object = (shape: ObjectShape): FieldTypeInfo => ({ kind: 'object', shape });

const HOST = object(closed(strings('hostName', 'port')));

/**
 * Every field type Keeper defines, current and retired, with the kind of its value elements.
 *
 * @example
 * FIELD_TYPES.host.shape?.properties // { hostName: 'string', port: 'string' }
 * FIELD_TYPES.trafficEncryptionKey.retired // true
 */
export const FIELD_TYPES: { readonly [K in FieldTypeName]: FieldTypeInfo } = {
  login: STRING,
  password: STRING,
  url: STRING,
  email: STRING,
  text: STRING,
  multiline: STRING,
  secret: STRING,
  note: STRING,
  pinCode: STRING,
  accountNumber: STRING,
  licenseNumber: STRING,
  oneTimeCode: STRING,
  otp: STRING,
  dropdown: STRING,
  rbiUrl: STRING,
  wifiEncryption: STRING,
  databaseType: STRING,
  directoryType: STRING,
  trafficEncryptionSeed: STRING,
  fileRef: UID_REF,
  addressRef: UID_REF,
  cardRef: UID_REF,
  recordRef: UID_REF,
  date: DATE,
  birthDate: DATE,
  expirationDate: DATE,
  checkbox: BOOLEAN,
  isSSIDHidden: BOOLEAN,
  name: object(closed(strings('first', 'middle', 'last'))),
  phone: object(closed(strings('region', 'number', 'ext', 'type'))),
  address: object(closed(strings('street1', 'street2', 'city', 'state', 'zip', 'country'))),
  host: HOST,
  pamHostname: HOST,
  paymentCard: object(closed(strings('cardNumber', 'cardExpirationDate', 'cardSecurityCode'))),
  bankAccount: object(closed(strings('accountType', 'routingNumber', 'accountNumber', 'otherType'))),
  keyPair: object(closed(strings('publicKey', 'privateKey'))),
  securityQuestion: object(closed(strings('question', 'answer'))),
  schedule: object(closed({ ...strings('type', 'cron', 'time', 'tz', 'weekday'), intervalCount: 'number' })),
  script: object(closed({ ...strings('fileRef', 'command'), recordRef: 'string[]' })),
  passkey: object(
    closed({
      privateKey: open({ ...strings('crv', 'd', 'kty', 'x', 'y'), ext: 'boolean', key_ops: 'string[]' }),
      ...strings('credentialId', 'userId', 'relyingParty', 'username'),
      signCount: 'number',
      createdDate: 'number',
    }),
  ),
  pamResources: object(
    open({
      ...strings('controllerUid', 'folderUid'),
      resourceRef: 'string[]',
      allowedSettings: open({
        connections: 'boolean',
        portForwards: 'boolean',
        rotation: 'boolean',
        sessionRecording: 'boolean',
        typescriptRecording: 'boolean',
      }),
    }),
  ),
  pamSettings: object(
    open({
      portForward: { kind: 'array', items: open({ reusePort: 'boolean', port: 'string' }) },
      connection: {
        kind: 'array',
        items: open({
          ...strings('protocol', 'security', 'resizeMethod', 'colorScheme'),
          userRecords: 'string[]',
          ignoreCert: 'boolean',
        }),
      },
    }),
  ),
  pamRemoteBrowserSettings: object(
    open({
      connection: open({
        ...strings(
          'protocol',
          'allowedUrlPatterns',
          'allowedResourceUrlPatterns',
          'httpCredentialsUid',
          'autofillConfiguration',
        ),
        userRecords: 'string[]',
        allowUrlManipulation: 'boolean',
      }),
    }),
  ),
  appFiller: object(closed(strings('applicationTitle', 'contentFilter', 'macroSequence'))),
  trafficEncryptionKey: { kind: 'string', retired: true, replacedBy: 'trafficEncryptionSeed' },
  pamProvider: { kind: 'unknown', retired: true },
  controller: { kind: 'unknown', retired: true },
};

/**
 * True when `type` is a field type name this library knows (current or retired).
 *
 * @example
 * isFieldTypeName('login') // true
 * isFieldTypeName('toString') // false
 */
export function isFieldTypeName(type: string): type is FieldTypeName {
  return Object.hasOwn(FIELD_TYPES, type);
}
