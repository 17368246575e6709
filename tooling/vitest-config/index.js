// Shared vitest defaults: restore mocks, no blanket retries, and a longer budget only for tests tagged slow.
/** @type {import('vitest/config').ViteUserConfig['test']} */
export const sharedTestConfig = {
  restoreMocks: true,
  clearMocks: true,
  retry: 0,
  testTimeout: 10_000,
  include: ['src/**/*.test.ts'],
};

/** Timeout for tests that start servers or run large generated corpora (pass as the test's options). */
export const slow = { timeout: 120_000 };
