// Keeper's standard record types and their standard fields, in vault order (spec §6.3).
import type { FieldTypeName } from './field-values.js';

/** One standard field of a record type. `required` mirrors the vault's type definition and is informational. */
export interface StandardFieldDefinition {
  readonly type: FieldTypeName;
  readonly label?: string;
  readonly required?: true;
}

type Def = StandardFieldDefinition;

const f = (type: FieldTypeName, label?: string, required?: true): Def =>
  Object.freeze({
    type,
    ...(label === undefined ? {} : { label }),
    ...(required === undefined ? {} : { required }),
  });

const ROTATION = f('script', 'Rotation Scripts');
const PROVIDER = [f('text', 'Provider Group'), f('text', 'Provider Region')];
const PAM_CONFIGURATION_HEAD = [f('pamResources', undefined, true), f('schedule', 'Default Rotation Schedule', true)];
const PORT_MAPPING = f('multiline', 'Port Mapping');

const types = {
  login: [f('passkey'), f('login'), f('password'), f('url'), f('fileRef'), f('oneTimeCode')],
  bankAccount: [
    f('bankAccount', undefined, true),
    f('name'),
    f('login'),
    f('password'),
    f('url'),
    f('cardRef'),
    f('fileRef'),
    f('oneTimeCode'),
  ],
  address: [f('address'), f('fileRef')],
  bankCard: [f('paymentCard'), f('text', 'Cardholder Name'), f('pinCode'), f('addressRef'), f('fileRef')],
  birthCertificate: [f('name'), f('birthDate'), f('fileRef')],
  contact: [f('name', undefined, true), f('text', 'Company'), f('email'), f('phone'), f('addressRef'), f('fileRef')],
  driverLicense: [
    f('accountNumber', "Driver's License Number"),
    f('name'),
    f('birthDate'),
    f('addressRef'),
    f('expirationDate'),
    f('fileRef'),
  ],
  encryptedNotes: [f('note'), f('date'), f('fileRef')],
  file: [f('fileRef')],
  healthInsurance: [f('accountNumber'), f('name', "Insured's Name"), f('login'), f('password'), f('url'), f('fileRef')],
  membership: [f('accountNumber'), f('name'), f('password'), f('fileRef')],
  passport: [
    f('accountNumber', 'Passport Number'),
    f('name'),
    f('birthDate'),
    f('addressRef'),
    f('expirationDate'),
    f('date', 'Date Issued'),
    f('password'),
    f('fileRef'),
  ],
  photo: [f('fileRef')],
  serverCredentials: [f('host'), f('login'), f('password'), f('fileRef')],
  softwareLicense: [
    f('licenseNumber'),
    f('expirationDate'),
    f('date', 'Date Active'),
    f('fileRef'),
    f('securityQuestion'),
  ],
  ssnCard: [f('accountNumber', 'Identity Number'), f('name'), f('fileRef')],
  sshKeys: [f('login'), f('keyPair'), f('password'), f('host'), f('fileRef')],
  databaseCredentials: [f('text', 'type'), f('host'), f('login'), f('password'), f('fileRef')],
  pamDatabase: [
    f('pamHostname'),
    f('checkbox', 'Use SSL'),
    f('login'),
    f('password'),
    ROTATION,
    f('text', 'Connect Database'),
    f('text', 'Database Id'),
    f('databaseType'),
    ...PROVIDER,
    f('fileRef'),
    f('oneTimeCode'),
  ],
  pamDirectory: [
    f('pamHostname'),
    f('checkbox', 'Use SSL'),
    f('login'),
    f('password'),
    ROTATION,
    f('text', 'Distinguished Name'),
    f('text', 'Domain Name'),
    f('multiline', 'Alternative IPs'),
    f('text', 'Directory Id'),
    f('directoryType'),
    f('text', 'User Match'),
    ...PROVIDER,
    f('fileRef'),
    f('oneTimeCode'),
  ],
  pamMachine: [
    f('pamHostname', undefined, true),
    f('login'),
    f('password'),
    ROTATION,
    f('secret', 'Private PEM Key'),
    f('text', 'Operating System'),
    f('checkbox', 'SSL Verification'),
    f('text', 'Instance Name'),
    f('text', 'Instance Id'),
    ...PROVIDER,
    f('fileRef'),
    f('oneTimeCode'),
  ],
  pamUser: [
    f('login', undefined, true),
    f('password'),
    ROTATION,
    f('secret', 'Private PEM Key'),
    f('text', 'Distinguished Name'),
    f('text', 'Connect Database'),
    f('checkbox', 'Managed'),
    f('fileRef'),
    f('oneTimeCode'),
  ],
  pamAwsConfiguration: [
    ...PAM_CONFIGURATION_HEAD,
    f('text', 'AWS Id', true),
    f('secret', 'Access Key Id', true),
    f('secret', 'Access Secret Key', true),
    f('multiline', 'Region Names'),
    PORT_MAPPING,
    ROTATION,
    f('fileRef'),
  ],
  pamAzureConfiguration: [
    ...PAM_CONFIGURATION_HEAD,
    f('text', 'Azure Id', true),
    f('secret', 'Client Id', true),
    f('secret', 'Client Secret', true),
    f('secret', 'Subscription Id', true),
    f('secret', 'Tenant Id', true),
    f('multiline', 'Resource Groups'),
    PORT_MAPPING,
    ROTATION,
    f('fileRef'),
  ],
  pamLocalConfiguration: [...PAM_CONFIGURATION_HEAD, f('text', 'Local Id', true), PORT_MAPPING, ROTATION, f('fileRef')],
  pamNetworkConfiguration: [
    ...PAM_CONFIGURATION_HEAD,
    f('text', 'Network Id'),
    f('text', 'Network CIDR'),
    PORT_MAPPING,
    ROTATION,
    f('fileRef'),
  ],
} satisfies Record<string, Def[]>;

/** Name of a standard record type. */
export type RecordTypeName = keyof typeof types;

/**
 * Every standard record type with its standard fields in order (the vault's `default_record_types`).
 * Frozen; records of other (custom) types are still read and may be built from an explicit field list.
 *
 * @example
 * RECORD_TYPES.login.map((field) => field.type) // ['passkey', 'login', 'password', 'url', 'fileRef', 'oneTimeCode']
 * RECORD_TYPES.bankCard[1] // { type: 'text', label: 'Cardholder Name' }
 */
export const RECORD_TYPES: { readonly [K in RecordTypeName]: readonly StandardFieldDefinition[] } = Object.freeze(
  Object.fromEntries(Object.entries(types).map(([name, fields]) => [name, Object.freeze(fields)])) as {
    [K in RecordTypeName]: readonly StandardFieldDefinition[];
  },
);

/**
 * True when `type` names a standard record type.
 *
 * @example
 * isRecordTypeName('login') // true
 * isRecordTypeName('myCompanyType') // false
 */
export function isRecordTypeName(type: string): type is RecordTypeName {
  return Object.hasOwn(RECORD_TYPES, type);
}
