// Runs the redact suite twice: in Node, and inside workerd without nodejs_compat (*.node.test.ts are Node-only).
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

const nodeOnly = ['src/**/*.node.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { ...sharedTestConfig, name: 'node' } },
      {
        plugins: [
          cloudflareTest({
            miniflare: { compatibilityDate: '2026-04-20', compatibilityFlags: [] },
          }),
        ],
        test: { ...sharedTestConfig, name: 'workerd', exclude: nodeOnly },
      },
    ],
  },
});
