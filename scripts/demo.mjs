// The main job until the local vault lands: a live tour of @ksmkit/core (owner side → device side → notation).
import {
  base64Encode,
  base64UrlEncode,
  buildRecord,
  createOneTimeToken,
  decryptSecrets,
  encryptAppData,
  encryptRecordData,
  evaluateNotation,
  generateAesKey,
  generatePassword,
  generateRecordUid,
  getTotpCode,
  wrapKey,
} from '../packages/core/dist/index.js';

const totpUri = 'otpauth://totp/ksmkit:demo?secret=JBSWY3DPEHPK3PXP&issuer=ksmkit';
const record = buildRecord({
  type: 'login',
  title: 'Postgres',
  fields: {
    login: 'app',
    password: generatePassword({ length: 24 }),
    url: 'postgres://db:5432/app',
    oneTimeCode: totpUri,
  },
  custom: [{ type: 'text', label: 'Environment', value: ['demo'] }],
  notes: 'primary database (demo data)',
});

// Owner side: an application key, a one-time token for a device, and a record shared directly to the app.
const appKey = generateAesKey();
const token = await createOneTimeToken(appKey);
const recordKey = generateAesKey();
const recordUid = generateRecordUid();
const response = {
  appData: base64UrlEncode(await encryptAppData(appKey, { title: 'demo', type: 'app' })),
  encryptedAppKey: base64Encode(token.encryptedAppKey),
  appOwnerPublicKey: null,
  folders: [],
  records: [
    {
      recordUid,
      recordKey: base64Encode(await wrapKey(appKey, recordKey)),
      data: base64Encode(await encryptRecordData(recordKey, record)),
      revision: 1,
      isEditable: false,
      files: null,
      folderUid: null,
      innerFolderUid: null,
    },
  ],
  expiresOn: 0,
  warnings: null,
  extra: null,
};

// Device side: bind with the token's client key, unwrap the chain, resolve notations.
const secrets = await decryptSecrets(response, { clientKey: token.clientKey });
const notations = [
  `keeper://${recordUid}/field/login`,
  'keeper://Postgres/custom_field/Environment',
  `${recordUid}/type`,
];
console.log('ksmkit core demo');
console.log(
  `  device client id   ${token.clientId.slice(0, 16)}… (token shown once to the device owner, never stored)`,
);
console.log(
  `  records decrypted  ${secrets.records.length} (${secrets.records[0]?.data.title}), app "${secrets.appData?.title}"`,
);
for (const notation of notations)
  console.log(`  ${notation.padEnd(48)} → ${evaluateNotation(secrets.records, notation).join(', ')}`);
const totp = await getTotpCode(totpUri);
console.log(`  TOTP of the record  ${totp?.code} (${totp?.timeLeft}s left)`);
console.log('\nThe local KSM-compatible vault (apps/vault) will take over this command: `pnpm demo` then serves it.');
