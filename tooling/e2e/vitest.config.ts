// Runs the end-to-end suites in Node, and the runtime-neutral ones again inside workerd without nodejs_compat.
import { createRequire } from 'node:module';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

const nodeOnly = ['src/**/*.interop.test.ts', 'src/**/*.node.test.ts'];
// Starts a loopback endpoint that runs real vaults, so the workerd suites can use them too.
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
