// Test support: the Keeper seed every scenario uses (values are made-up test strings) and a scanner for leaked values.

/** Seeded secret values; reports and plans must never contain any of them. */
export const SEEDED_VALUES = [
  'Db-Seed-Value-7731',
  'Queue-Seed-Value-1184',
  'Cache-Seed-Value-5521',
  'Mail-Seed-Value-9902',
] as const;

/** The Azure service principal the Azure fake accepts (a made-up test identity). */
export const AZURE_SP = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: 'a1b2c3d4-0000-4000-8000-000000000001',
  clientSecret: 'azure-test-client-secret-0042',
} as const;

/** The seed: folder Apps with four login records (one with an empty password), shared editable with app `sync`. */
export const SEED = {
  folders: [
    {
      name: 'Apps',
      records: [
        { type: 'login', title: 'Database', fields: { login: 'db-user', password: SEEDED_VALUES[0] } },
        { type: 'login', title: 'Queue', fields: { login: 'q-user', password: SEEDED_VALUES[1] } },
        { type: 'login', title: 'Cache', fields: { login: 'c-user', password: SEEDED_VALUES[2] } },
        { type: 'login', title: 'Mail', fields: { login: 'm-user', password: SEEDED_VALUES[3] } },
        { type: 'login', title: 'Emptied', fields: { login: 'e-user', password: null } },
      ],
    },
    {
      name: 'Creds',
      records: [
        {
          type: 'login',
          title: 'Azure SP',
          fields: { login: 'sp' },
          custom: [
            { type: 'text', label: 'Azure Tenant ID', value: AZURE_SP.tenantId },
            { type: 'text', label: 'Azure Client ID', value: AZURE_SP.clientId },
            { type: 'secret', label: 'Azure Client Secret', value: AZURE_SP.clientSecret },
          ],
        },
        {
          type: 'login',
          title: 'AWS Keys',
          fields: { login: 'aws' },
          custom: [
            { type: 'text', label: 'AWS Access Key ID', value: 'AKIATESTKEY000000001' },
            { type: 'secret', label: 'AWS Secret Access Key', value: 'aws-test-secret-key-0001' },
            { type: 'text', label: 'AWS Region Name', value: 'eu-west-1' },
          ],
        },
      ],
    },
  ],
  apps: [
    {
      name: 'sync',
      shares: [
        { folder: 'Apps', editable: true },
        { folder: 'Creds', editable: false },
      ],
    },
  ],
} as const;

/**
 * The seeded values (and any `extra` ones) found in `text`.
 *
 * @example
 * expect(leakedValues(JSON.stringify(report))).toEqual([]);
 */
export function leakedValues(text: string, extra: readonly string[] = []): string[] {
  return [...SEEDED_VALUES, ...extra].filter((value) => text.includes(value));
}
