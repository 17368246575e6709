// Test support (any runtime): the vault seed of the edge proxy tests and the names tests look records up by.

/** Folders Ops (records Postgres, Stripe, Cold, Gone-soon) and Other (not shared), and a direct share. */
export const EDGE_SEED = {
  folders: [
    {
      name: 'Ops',
      records: [
        {
          type: 'login',
          title: 'Postgres',
          fields: { login: 'app', password: 'pg-s3cr3t-value', url: 'postgres://db:5432/app' },
          custom: [{ type: 'text', label: 'Environment', value: 'prod' }],
          notes: 'primary database',
        },
        {
          type: 'login',
          title: 'Stripe',
          fields: { login: 'billing', password: 'sk_live_stripe_value' },
          custom: [{ type: 'text', label: 'edge_allowed_hosts', value: 'localhost, api.stripe.com' }],
        },
        { type: 'login', title: 'Cold', fields: { password: 'cold-start-value' } },
        { type: 'login', title: 'Stale', fields: { password: 'stale-served-value' } },
        { type: 'login', title: 'Refresh', fields: { password: 'refresh-me-value' } },
        { type: 'login', title: 'Gateway', fields: { password: 'gateway-direct-value' } },
        { type: 'login', title: 'Ahead', fields: { password: 'refresh-ahead-value' } },
      ],
    },
    { name: 'Other', records: [{ type: 'login', title: 'Hidden', fields: { password: 'hidden-value' } }] },
  ],
  records: [{ type: 'login', title: 'Direct', fields: { password: 'direct-share-value' } }],
  apps: [{ name: 'edge', shares: [{ folder: 'Ops' }], records: [{ record: 'Direct' }] }],
};

/** What the global setup provides to the tests (`inject('edge')`). */
export interface EdgeTestContext {
  readonly ksmConfig: string;
  /** A device of the same seed on a second vault that allows 3 get_secret calls per 10 minutes, 2 used by binding (throttling tests). */
  readonly throttledConfig: string;
  readonly tokenSecret: string;
  readonly cacheKey: string;
  /** Control endpoint of the counting proxy in front of the vault. */
  readonly controlUrl: string;
  /** `http://localhost:PORT` of the recording upstream (inject mode). */
  readonly upstreamUrl: string;
  readonly seeded: { folders: Record<string, string>; records: Record<string, string>; apps: Record<string, string> };
}

declare module 'vitest' {
  export interface ProvidedContext {
    edge: EdgeTestContext;
  }
}
