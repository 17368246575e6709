// Runs the core suite twice: in Node, and inside workerd without nodejs_compat (interop and *.node tests are Node-only).
import { createRequire } from 'node:module';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

const nodeOnly = ['src/**/*.interop.test.ts', 'src/**/*.node.test.ts'];
// Starts a loopback endpoint that runs real vaults, so the *.vault.test.ts suites reach them from workerd too.
const globalSetup = [createRequire(import.meta.url).resolve('@ksmkit/test-support/vault-control')];

export default defineConfig({
  test: {
    projects: [
      { test: { ...sharedTestConfig, name: 'node', globalSetup } },
      {
        plugins: [
          cloudflareTest({
            miniflare: { compatibilityDate: '2026-04-20', compatibilityFlags: [] },
          }),
        ],
        test: { ...sharedTestConfig, name: 'workerd', exclude: nodeOnly, globalSetup },
      },
    ],
  },
});
