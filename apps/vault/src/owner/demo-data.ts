// The demo vault's contents (a seed document): an app `demo` with nested folders, logins, a TOTP record and a file.

/** Name of the demo application. */
export const DEMO_APP = 'demo';

/**
 * The seed document `demo` applies on a fresh data directory (all values are made-up demo data).
 *
 * @example
 * await applySeed(session, demoSeed());
 */
export function demoSeed(): Record<string, unknown> {
  return {
    folders: [
      {
        name: 'Production',
        records: [
          {
            type: 'login',
            title: 'Postgres',
            fields: { login: 'app', password: 'demo-pg-Pa55word!', url: 'postgres://db.internal:5432/app' },
            custom: [{ type: 'text', label: 'Environment', value: 'prod' }],
            notes: 'Primary database (demo data)',
            files: [
              {
                name: 'db-ca.pem',
                content: '-----BEGIN CERTIFICATE-----\nZGVtbyBjZXJ0aWZpY2F0ZQ==\n-----END CERTIFICATE-----\n',
                type: 'application/x-pem-file',
              },
            ],
          },
          {
            type: 'login',
            title: 'GitHub',
            fields: {
              login: 'deploy-bot',
              password: 'demo-gh-t0ken',
              url: 'https://github.com',
              oneTimeCode: 'otpauth://totp/GitHub:deploy-bot?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
            },
          },
        ],
        folders: [
          {
            name: 'Payments',
            records: [{ type: 'login', title: 'Stripe', fields: { login: 'acct_demo', password: 'sk_test_demo_123' } }],
          },
        ],
      },
      {
        name: 'Staging',
        records: [
          {
            type: 'login',
            title: 'Redis',
            fields: { password: 'demo-r3d1s' },
            custom: [{ type: 'text', label: 'Environment', value: 'staging' }],
          },
        ],
      },
    ],
    records: [
      {
        type: 'databaseCredentials',
        title: 'Analytics DB',
        fields: {
          type: 'postgresql',
          host: { hostName: 'analytics.internal', port: '5432' },
          login: 'reader',
          password: 'demo-an4lytics',
        },
      },
    ],
    apps: [
      {
        name: DEMO_APP,
        shares: [{ folder: 'Production', editable: true }, { folder: 'Staging' }],
        records: ['Analytics DB'],
      },
    ],
  };
}
