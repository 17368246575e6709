// Test support (plain data): the vault seed that client suites in every package share, with a known TOTP secret.

/** RFC 6238 test secret ("12345678901234567890") as an otpauth URI. */
export const TOTP_URI =
  'otpauth://totp/ksmkit?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=8&period=30';

/** Folders Ops (editable, with sub-folder Payments) and Archive (read-only), a direct share, a file and a TOTP. */
export const CLIENT_SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        {
          type: 'login',
          title: 'Postgres',
          fields: { login: 'app', password: 's3cr3t!', url: 'postgres://db:5432/app', oneTimeCode: TOTP_URI },
          custom: [{ type: 'text', label: 'Environment', value: 'prod' }],
          notes: 'primary database',
          files: [{ name: 'ca.pem', content: 'PEM-CONTENT' }],
        },
        { type: 'login', title: 'Shared Title', fields: { password: 'one' } },
      ],
      folders: [{ name: 'Payments', records: [{ type: 'login', title: 'Stripe', fields: { password: 'sk_1' } }] }],
    },
    { name: 'Archive', records: [{ type: 'login', title: 'Old', fields: { password: 'old' } }] },
  ],
  records: [{ type: 'login', title: 'Loose', fields: { password: 'loose-pw' } }],
  apps: [
    {
      name: 'ci',
      shares: [{ folder: 'Ops', editable: true }, { folder: 'Archive' }],
      records: [{ record: 'Loose', editable: true }],
    },
  ],
};
