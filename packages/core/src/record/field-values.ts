// Element types of object-valued record fields (spec §6.2), plus the map from field type name to element type.

/** `name` field element. */
export interface Name {
  first?: string;
  middle?: string;
  last?: string;
}

/** `phone` field element; `type` is usually Mobile, Home or Work. */
export interface Phone {
  region?: string;
  number?: string;
  ext?: string;
  type?: string;
}

/** `address` field element; `country` is an ISO 3166 alpha-2 code. */
export interface Address {
  street1?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

/** `host` and `pamHostname` field element; the port is a string. */
export interface Host {
  hostName?: string;
  port?: string;
}

/** `paymentCard` field element; `cardExpirationDate` is "MM/YYYY". */
export interface PaymentCard {
  cardNumber?: string;
  cardExpirationDate?: string;
  cardSecurityCode?: string;
}

/** `bankAccount` field element; `accountType` is usually Checking, Savings or Other. */
export interface BankAccount {
  accountType?: string;
  routingNumber?: string;
  accountNumber?: string;
  otherType?: string;
}

/** `keyPair` field element (PEM text). */
export interface KeyPair {
  publicKey?: string;
  privateKey?: string;
}

/** `securityQuestion` field element. */
export interface SecurityQuestion {
  question?: string;
  answer?: string;
}

/** `schedule` field element (older records carry `utcTime`, replaced by `time` + `tz`). */
export interface Schedule {
  type?: string;
  cron?: string;
  time?: string;
  tz?: string;
  weekday?: string;
  intervalCount?: number;
}

/** `script` field element. */
export interface Script {
  fileRef?: string;
  command?: string;
  recordRef?: string[];
}

/** The JWK private key inside a `passkey` element. */
export interface PasskeyPrivateKey {
  crv?: string;
  d?: string;
  ext?: boolean;
  key_ops?: string[];
  kty?: string;
  x?: string;
  y?: string;
  [key: string]: unknown;
}

/** `passkey` field element. */
export interface Passkey {
  privateKey?: PasskeyPrivateKey;
  credentialId?: string;
  signCount?: number;
  userId?: string;
  relyingParty?: string;
  username?: string;
  createdDate?: number;
}

/** The feature switches of a `pamResources` element (Keeper adds new ones over time). */
export interface PamAllowedSettings {
  connections?: boolean;
  portForwards?: boolean;
  rotation?: boolean;
  sessionRecording?: boolean;
  typescriptRecording?: boolean;
  [key: string]: unknown;
}

/** `pamResources` field element. */
export interface PamResources {
  controllerUid?: string;
  folderUid?: string;
  resourceRef?: string[];
  allowedSettings?: PamAllowedSettings;
  [key: string]: unknown;
}

/** One port forward of a `pamSettings` element. */
export interface PamPortForward {
  reusePort?: boolean;
  port?: string;
  [key: string]: unknown;
}

/** One connection of a `pamSettings` element. */
export interface PamConnection {
  protocol?: string;
  userRecords?: string[];
  security?: string;
  ignoreCert?: boolean;
  resizeMethod?: string;
  colorScheme?: string;
  [key: string]: unknown;
}

/** `pamSettings` field element. */
export interface PamSettings {
  portForward?: PamPortForward[];
  connection?: PamConnection[];
  [key: string]: unknown;
}

/** The connection of a `pamRemoteBrowserSettings` element. */
export interface PamRemoteBrowserConnection {
  protocol?: string;
  userRecords?: string[];
  allowUrlManipulation?: boolean;
  allowedUrlPatterns?: string;
  allowedResourceUrlPatterns?: string;
  httpCredentialsUid?: string;
  autofillConfiguration?: string;
  [key: string]: unknown;
}

/** `pamRemoteBrowserSettings` field element. */
export interface PamRemoteBrowserSettings {
  connection?: PamRemoteBrowserConnection;
  [key: string]: unknown;
}

/** `appFiller` field element. */
export interface AppFiller {
  applicationTitle?: string;
  contentFilter?: string;
  macroSequence?: string;
}

/**
 * Field type name → type of one element of that field's `value` array.
 * Strings of the `*Ref` types are record/file UIDs; the date types are milliseconds since the epoch.
 */
export interface FieldValueMap {
  login: string;
  password: string;
  url: string;
  email: string;
  text: string;
  multiline: string;
  secret: string;
  note: string;
  pinCode: string;
  accountNumber: string;
  licenseNumber: string;
  oneTimeCode: string;
  otp: string;
  dropdown: string;
  rbiUrl: string;
  wifiEncryption: string;
  databaseType: string;
  directoryType: string;
  trafficEncryptionSeed: string;
  fileRef: string;
  addressRef: string;
  cardRef: string;
  recordRef: string;
  date: number;
  birthDate: number;
  expirationDate: number;
  checkbox: boolean;
  isSSIDHidden: boolean;
  name: Name;
  phone: Phone;
  address: Address;
  host: Host;
  pamHostname: Host;
  paymentCard: PaymentCard;
  bankAccount: BankAccount;
  keyPair: KeyPair;
  securityQuestion: SecurityQuestion;
  schedule: Schedule;
  script: Script;
  passkey: Passkey;
  pamResources: PamResources;
  pamSettings: PamSettings;
  pamRemoteBrowserSettings: PamRemoteBrowserSettings;
  appFiller: AppFiller;
  /** Retired: replaced by `trafficEncryptionSeed`. */
  trafficEncryptionKey: string;
  /** Retired: legacy/internal, shape undocumented. */
  pamProvider: unknown;
  /** Retired: legacy/internal, shape undocumented. */
  controller: unknown;
}

/** Every field type name this library knows, current and retired. */
export type FieldTypeName = keyof FieldValueMap;
