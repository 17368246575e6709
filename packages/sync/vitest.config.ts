// Sync tests run the real parts: moto_server for AWS, a real ksmkit-vault for Keeper, local fakes for the rest.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'sync' },
});
