// Worker tests run inside workerd (vitest-pool-workers) against a real vault that the Node globalSetup starts;
// CLI tests run in Node.
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';
import type {} from './src/test-support/seed.js';

const nodeOnly = ['src/cli/**/*.test.ts', 'src/**/*.node.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const edge = inject('edge');
            return {
              main: './src/index.ts',
              wrangler: { configPath: './wrangler.jsonc' },
              miniflare: {
                bindings: {
                  KSM_CONFIG: edge.ksmConfig,
                  TOKEN_SECRET: edge.tokenSecret,
                  CACHE_KEY: edge.cacheKey,
                  TEST_CONTROL_URL: edge.controlUrl,
                  TEST_UPSTREAM_URL: edge.upstreamUrl,
                  TEST_SEEDED: JSON.stringify(edge.seeded),
                  TEST_THROTTLED_CONFIG: edge.throttledConfig,
                  RATE_LIMIT_PER_MINUTE: '1000000',
                  ALLOW_HTTP_FORWARD: 'true',
                },
              },
            };
          }),
        ],
        test: {
          ...sharedTestConfig,
          name: 'workerd',
          exclude: nodeOnly,
          globalSetup: ['src/test-support/global-setup.ts'],
        },
      },
      { test: { ...sharedTestConfig, name: 'node', include: nodeOnly } },
    ],
  },
});
